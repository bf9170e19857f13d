// The recording file as outside bytes: it reads back what was written, and a cut or
// damaged file gives an error naming the byte offset while keeping the records before.
#include "source/recording_format.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

#include "source/recording.h"

namespace netlens::source {
namespace {

std::span<const std::byte> bytes_of(const std::string& text) { return std::as_bytes(std::span(text.data(), text.size())); }

Entry file_entry(const std::string& path, const std::string& text) {
    Entry entry = file_question("", path);
    entry.answer.push_back(text);
    return entry;
}

std::string two_file_records() {
    return encode_recording_header() + encode_entry(file_entry("/proc/net/sockstat", "sockets: used 1\n")) +
           encode_entry(file_entry("/proc/sys/net/core/somaxconn", "4096\n"));
}

TEST(RecordingFormat, ReadsBackWhatWasWritten) {
    Entry netns{.kind = EntryKind::netns, .netns = "blue"};
    Entry missing = file_question("blue", "/proc/sys/net/ipv4/nope");
    missing.err = ENOENT;
    Entry dump{.kind = EntryKind::netlink, .netns = "blue", .number = 0, .request = std::string(20, '\x01')};
    dump.answer = {std::string(40, '\x02'), std::string(20, '\x03')};
    const std::string file = encode_recording_header() + encode_entry(netns) + encode_entry(missing) + encode_entry(dump);

    Recording recording;
    auto outcome = parse_recording(bytes_of(file), recording);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    EXPECT_FALSE(outcome->damage.has_value());
    EXPECT_EQ(recording.namespaces(), std::vector<std::string>{"blue"});
    ASSERT_EQ(recording.entries().size(), 2u);
    auto answers = recording.answers(file_question("blue", "/proc/sys/net/ipv4/nope"));
    ASSERT_EQ(answers.size(), 1u);
    EXPECT_EQ(answers[0]->err, ENOENT);
    auto replies = recording.answers(dump);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0]->answer, dump.answer);
    EXPECT_TRUE(recording.answers(file_question("", "/proc/sys/net/ipv4/nope")).empty());  // other namespace
}

TEST(RecordingFormat, TruncationNamesTheOffsetAndKeepsEarlierRecords) {
    const std::string whole = two_file_records();
    const size_t second_at = encode_recording_header().size() +
                             encode_entry(file_entry("/proc/net/sockstat", "sockets: used 1\n")).size();
    // Every cut inside the second record keeps the first and names an offset at or after
    // where the second one starts.
    for (size_t cut = second_at + 1; cut < whole.size(); ++cut) {
        Recording recording;
        auto outcome = parse_recording(bytes_of(whole.substr(0, cut)), recording);
        ASSERT_TRUE(outcome.ok());
        ASSERT_TRUE(outcome->damage.has_value()) << cut;
        EXPECT_EQ(outcome->damage->code, ExitCode::partial);
        EXPECT_NE(outcome->damage->message.find("offset " + std::to_string(second_at)), std::string::npos)
            << outcome->damage->message;
        ASSERT_EQ(recording.entries().size(), 1u) << cut;
        EXPECT_EQ(recording.entries()[0].answer.at(0), "sockets: used 1\n");
    }
}

TEST(RecordingFormat, ALengthPastTheEndIsDamageNotARead) {
    std::string file = encode_recording_header() + encode_entry(file_entry("/proc/net/sockstat", "x"));
    const size_t record_at = encode_recording_header().size();
    file[record_at + 4] = '\x7f';  // the record length's top byte: ~2 GiB
    Recording recording;
    auto outcome = parse_recording(bytes_of(file), recording);
    ASSERT_TRUE(outcome.ok());
    ASSERT_TRUE(outcome->damage.has_value());
    EXPECT_NE(outcome->damage->message.find("offset " + std::to_string(record_at + 1)), std::string::npos)
        << outcome->damage->message;
    EXPECT_NE(outcome->damage->message.find("exceeds"), std::string::npos);
    EXPECT_TRUE(recording.entries().empty());
}

TEST(RecordingFormat, ABlobLongerThanItsRecordIsDamage) {
    Entry entry = file_entry("/p", "text");
    std::string record = encode_entry(entry);
    record[5] = '\x50';  // the namespace blob claims 80 bytes inside a short record
    Recording recording;
    auto outcome = parse_recording(bytes_of(encode_recording_header() + record), recording);
    ASSERT_TRUE(outcome.ok());
    ASSERT_TRUE(outcome->damage.has_value());
    EXPECT_NE(outcome->damage->message.find("namespace: length 80"), std::string::npos) << outcome->damage->message;
}

TEST(RecordingFormat, AnErrnoOutOfRangeIsDamage) {
    Entry entry = file_question("", "/p");
    entry.err = 70000;
    Recording recording;
    auto outcome = parse_recording(bytes_of(encode_recording_header() + encode_entry(entry)), recording);
    ASSERT_TRUE(outcome.ok());
    ASSERT_TRUE(outcome->damage.has_value());
    EXPECT_NE(outcome->damage->message.find("errno 70000"), std::string::npos);
}

TEST(RecordingFormat, AnswersOfTheWrongShapeAreDamage) {
    Entry ethtool = ethtool_question("", "eth0", std::as_bytes(std::span("\x03\0\0\0\0\0\0\0", 8)));
    ethtool.answer.push_back("short");  // the buffer was 9 bytes
    Recording recording;
    auto outcome = parse_recording(bytes_of(encode_recording_header() + encode_entry(ethtool)), recording);
    ASSERT_TRUE(outcome.ok());
    ASSERT_TRUE(outcome->damage.has_value());
    EXPECT_NE(outcome->damage->message.find("ethtool answer"), std::string::npos);
}

TEST(RecordingFormat, UnknownKindsAreSkipped) {
    std::string later = encode_entry(file_entry("/x", "y"));
    later[0] = '\x2a';
    const std::string file = encode_recording_header() + later + encode_entry(file_entry("/p", "q"));
    Recording recording;
    auto outcome = parse_recording(bytes_of(file), recording);
    ASSERT_TRUE(outcome.ok());
    EXPECT_FALSE(outcome->damage.has_value());
    ASSERT_EQ(recording.entries().size(), 1u);
    EXPECT_EQ(recording.entries()[0].subject, "/p");
}

TEST(RecordingFormat, AForeignHeaderIsRefused) {
    Recording recording;
    for (const std::string& file : {std::string(), std::string("NLRECORD"), std::string("GIF89a") + std::string(20, 'x'),
                                    two_file_records().replace(8, 1, "\x02")}) {
        auto outcome = parse_recording(bytes_of(file), recording);
        ASSERT_FALSE(outcome.ok()) << file.size();
        EXPECT_EQ(outcome.error().code, ExitCode::usage);
    }
    std::string other_order = two_file_records();
    std::swap(other_order[12], other_order[15]);
    std::swap(other_order[13], other_order[14]);
    auto outcome = parse_recording(bytes_of(other_order), recording);
    ASSERT_FALSE(outcome.ok());
    EXPECT_NE(outcome.error().message.find("byte order"), std::string::npos);
    EXPECT_TRUE(recording.entries().empty());
}

TEST(RecordingFormat, NamespacesAreListedOnceInFirstVisitOrder) {
    Recording recording;
    for (const char* label : {"", "blue", "", "red", "blue"}) recording.add(Entry{.kind = EntryKind::netns, .netns = label});
    EXPECT_EQ(recording.namespaces(), (std::vector<std::string>{"", "blue", "red"}));
}

TEST(LoadRecording, AnUnreadableFileIsAUsageErrorNamingIt) {
    auto loaded = load_recording("/nonexistent/netlens.rec");
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error().code, ExitCode::usage);
    EXPECT_NE(loaded.error().message.find("/nonexistent/netlens.rec"), std::string::npos);
}

}  // namespace
}  // namespace netlens::source
