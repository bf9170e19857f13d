#include "trace/present/value_text.h"

namespace netlens::trace {

void append_value_text(std::string& out, const Value& value) {
    if (value.shape == Value::Shape::leaf) {
        out += value.text;
        return;
    }
    const bool structure = value.shape == Value::Shape::structure;
    out += structure ? '{' : '[';
    bool first = true;
    for (const Value& child : value.children) {
        if (!first) out += ", ";
        first = false;
        if (structure && !child.name.empty()) {
            out += child.name;
            out += '=';
        }
        append_value_text(out, child);
    }
    if (value.more) out += first ? "..." : ", ...";
    out += structure ? '}' : ']';
}

std::string value_text(const Value& value) {
    std::string out;
    append_value_text(out, value);
    return out;
}

Json value_json(const Value& value) {
    switch (value.shape) {
        case Value::Shape::leaf:
            return value.json;
        case Value::Shape::structure: {
            Json object = Json::object();
            for (const Value& child : value.children) object[child.name] = value_json(child);
            return object;
        }
        case Value::Shape::array: {
            Json array = Json::array();
            for (const Value& child : value.children) array.push_back(value_json(child));
            return array;
        }
    }
    return nullptr;
}

}  // namespace netlens::trace
