#include "core/buffered_sink.h"

#include <algorithm>
#include <stdexcept>

namespace netlens {

void BufferedSink::section(const SectionSpec& spec) {
    for (auto& s : sections_) {
        if (s.spec.name == spec.name) {
            // Reopening keeps one list per section; move it last so entries append.
            if (&s != &sections_.back()) throw std::logic_error("section " + spec.name + " reopened");
            return;
        }
    }
    sections_.push_back({spec, {}});
}

BufferedSink::Section& BufferedSink::open_section() {
    if (sections_.empty()) throw std::logic_error("output outside a section");
    return sections_.back();
}

void BufferedSink::record(Json record) { open_section().entries.emplace_back(std::move(record)); }
void BufferedSink::record(const JsonRecord& record) { open_section().entries.emplace_back(record); }
void BufferedSink::row(const std::vector<std::string>& cells) { open_section().entries.emplace_back(cells); }
void BufferedSink::line(std::string_view text) { open_section().entries.emplace_back(Line{std::string(text)}); }

void BufferedSink::replay(const std::vector<BufferedSink>& buffers, Sink& sink) {
    std::vector<std::string> order;
    for (const auto& buffer : buffers) {
        for (const auto& s : buffer.sections_) {
            if (std::find(order.begin(), order.end(), s.spec.name) == order.end()) order.push_back(s.spec.name);
        }
    }
    for (const auto& name : order) {
        for (const auto& buffer : buffers) {
            for (const auto& s : buffer.sections_) {
                if (s.spec.name != name) continue;
                sink.section(s.spec);
                for (const auto& entry : s.entries) {
                    if (const auto* json = std::get_if<Json>(&entry)) {
                        sink.record(*json);
                    } else if (const auto* text = std::get_if<JsonRecord>(&entry)) {
                        sink.record(*text);
                    } else if (const auto* cells = std::get_if<std::vector<std::string>>(&entry)) {
                        sink.row(*cells);
                    } else {
                        sink.line(std::get<Line>(entry).text);
                    }
                }
            }
        }
    }
}

}  // namespace netlens
