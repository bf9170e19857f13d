// A sink that keeps what it is given, for work that runs on another thread (one
// namespace of --all-netns) and must reach the real sink in a fixed order. Replaying
// several buffers goes section by section — every namespace's links, then every
// namespace's neighbours — so each section is one table and one JSON array.
#pragma once

#include <variant>
#include <vector>

#include "core/sink.h"

namespace netlens {

class BufferedSink : public Sink {
public:
    // `structured` and `color` as the sink the buffer will be replayed into.
    BufferedSink(bool structured, bool color) : structured_(structured), color_(color) {}

    bool structured() const override { return structured_; }
    bool color() const override { return color_; }
    void section(const SectionSpec& spec) override;
    void record(Json record) override;
    // Kept as written, so a replayed text record is not parsed and written again.
    void record(const JsonRecord& record) override;
    void row(const std::vector<std::string>& cells) override;
    void line(std::string_view text) override;
    // Buffers hold no findings; the caller merges diagnoses itself.
    void finish(const Diagnosis&) override {}

    // Replays the buffers into `sink`, section by section in the order sections first
    // appear, and within a section in buffer order.
    static void replay(const std::vector<BufferedSink>& buffers, Sink& sink);

private:
    struct Line {
        std::string text;
    };
    using Entry = std::variant<Json, JsonRecord, std::vector<std::string>, Line>;
    struct Section {
        SectionSpec spec;
        std::vector<Entry> entries;
    };
    Section& open_section();

    bool structured_;
    bool color_;
    std::vector<Section> sections_;
};

}  // namespace netlens
