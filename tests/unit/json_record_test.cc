// JsonRecord against nlohmann's compact dump of the same object, the oracle for JSON
// text: typed values, escapes, and invalid UTF-8 replaced the same way.
#include "core/json_record.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/json.h"

namespace netlens {
namespace {

std::string nlohmann_dump(const Json& object) { return object.dump(-1, ' ', false, Json::error_handler_t::replace); }

TEST(JsonRecord, TypedFieldsAsNlohmannWritesThem) {
    const std::string mine = JsonRecord()
                                 .text("dst", "10.0.0.0/8")
                                 .text_or_null("gateway", "")
                                 .number("delta", -3)
                                 .unsigned_number("bytes", UINT64_MAX)
                                 .optional_number("metric", std::nullopt)
                                 .optional_number("table", 254)
                                 .boolean("up", true)
                                 .null("iif")
                                 .closed();
    const Json theirs = {{"dst", "10.0.0.0/8"}, {"gateway", nullptr}, {"delta", -3},  {"bytes", UINT64_MAX},
                         {"metric", nullptr},    {"table", 254},      {"up", true}, {"iif", nullptr}};
    EXPECT_EQ(mine, nlohmann_dump(theirs));
    EXPECT_EQ(JsonRecord().closed(), "{}");
}

TEST(JsonRecord, NestedObjectsAndArraysAsNlohmannWritesThem) {
    JsonRecord inner;
    inner.number("pid", 7).text("command", "nginx");
    const std::string mine = JsonRecord()
                                 .object("info", JsonRecord().unsigned_number("rtt_us", 50))
                                 .object("empty", JsonRecord())
                                 .array("processes", {inner, inner})
                                 .array("none", {})
                                 .closed();
    const Json process = {{"pid", 7}, {"command", "nginx"}};
    const Json theirs = {{"info", {{"rtt_us", 50}}},
                         {"empty", Json::object()},
                         {"processes", Json::array({process, process})},
                         {"none", Json::array()}};
    EXPECT_EQ(mine, nlohmann_dump(theirs));
}

TEST(JsonRecord, EscapesAndBadUtf8LikeNlohmann) {
    const std::string cases[] = {
        std::string("quote\" back\\ nl\n tab\t nul\0 bell\x07 del\x7f", 38),
        "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",  // valid two, three and four byte forms
        "cut \xe2\x82",                                 // a sequence cut by the end
        "stray \x80\xbf continuation",
        "overlong \xc0\xaf \xe0\x80\xaf",
        "surrogate \xed\xa0\x80",
        "too high \xf4\x90\x80\x80 \xf5",
        "short \xf0\x90\x41",
    };
    for (const auto& value : cases) {
        EXPECT_EQ(JsonRecord().text("v", value).closed(), nlohmann_dump(Json{{"v", value}})) << value;
    }
}

TEST(JsonRecord, RandomBytesLikeNlohmann) {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> byte(0, 255), length(0, 12);
    for (int round = 0; round < 20000; ++round) {
        std::string value;
        for (int i = length(random); i > 0; --i) value += static_cast<char>(byte(random));
        ASSERT_EQ(JsonRecord().text("v", value).closed(), nlohmann_dump(Json{{"v", value}}))
            << testing::PrintToString(value);
    }
}

}  // namespace
}  // namespace netlens
