// JsonRecord writes JSON text from outside bytes (interface names, UNIX socket paths,
// process names): whatever the bytes, the text must parse, and it must equal what
// nlohmann's replacing dump writes for the same object.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/json.h"
#include "core/json_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::string_view key = bytes.substr(0, bytes.size() / 3);
    const std::string_view value = bytes.substr(bytes.size() / 3);
    const std::string mine = netlens::JsonRecord().text(key, value).number("n", static_cast<int64_t>(size) - 7).closed();
    netlens::Json object;
    object[std::string(key)] = std::string(value);
    object["n"] = static_cast<int64_t>(size) - 7;
    if (key == "n") return 0;  // a duplicate key: nlohmann keeps one, text keeps both
    const std::string theirs = object.dump(-1, ' ', false, netlens::Json::error_handler_t::replace);
    if (mine != theirs) std::abort();
    if (netlens::Json::parse(mine, nullptr, false).is_discarded()) std::abort();
    return 0;
}
