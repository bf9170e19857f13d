#include "core/sink.h"

#include "core/json_sink.h"
#include "core/text_sink.h"

namespace netlens {

std::unique_ptr<Sink> make_sink(OutputDestination& destination, const std::string& command) {
    switch (destination.options().format) {
        case Format::json: return std::make_unique<JsonSink>(destination, command, destination.terminal());
        case Format::ndjson: return std::make_unique<NdjsonSink>(destination, command);
        case Format::text: break;
    }
    return std::make_unique<TextSink>(destination);
}

}  // namespace netlens
