#include "trace/decode/value_build.h"

#include <fmt/format.h>

namespace netlens::trace {

Value leaf(std::string text, Json json) {
    Value value;
    value.text = std::move(text);
    value.json = std::move(json);
    return value;
}

Value signed_value(int64_t number) { return leaf(std::to_string(number), number); }

Value unsigned_value(uint64_t number) { return leaf(std::to_string(number), number); }

Value hex_value(uint64_t number) {
    return leaf(number == 0 ? std::string("0") : fmt::format("{:#x}", number), number);
}

Value pointer_value(uint64_t address) {
    return address == 0 ? leaf("NULL", nullptr) : hex_value(address);
}

Value named(std::string name, Value value) {
    value.name = std::move(name);
    return value;
}

Value structure(std::vector<Value> fields, bool more) {
    Value value;
    value.shape = Value::Shape::structure;
    value.children = std::move(fields);
    value.more = more;
    return value;
}

Value array(std::vector<Value> items, bool more) {
    Value value;
    value.shape = Value::Shape::array;
    value.children = std::move(items);
    value.more = more;
    return value;
}

Value wrapped(const std::string& before, Value inner, const std::string& after) {
    inner.text = before + inner.text + after;
    return inner;
}

}  // namespace netlens::trace
