#include "trace/number_set.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace netlens::trace {
namespace {

TEST(NumberSet, SignalNamesWithOrWithoutPrefixInAnyCaseAndNumbers) {
    auto set = parse_signal_set("SIGCHLD,term,Usr1,9");
    ASSERT_TRUE(set) << set.error().message;
    for (const int signal : {SIGCHLD, SIGTERM, SIGUSR1, SIGKILL}) EXPECT_TRUE(set->contains(signal)) << signal;
    EXPECT_FALSE(set->contains(SIGINT));
    EXPECT_TRUE(parse_signal_set("SIGRTMIN")->contains(SIGRTMIN));
}

TEST(NumberSet, AllNoneAndNegation) {
    EXPECT_FALSE(parse_signal_set("none")->contains(SIGCHLD));
    EXPECT_TRUE(parse_signal_set("all")->contains(SIGCHLD));
    const auto all_but_chld = parse_signal_set("!SIGCHLD");
    ASSERT_TRUE(all_but_chld);
    EXPECT_FALSE(all_but_chld->contains(SIGCHLD));
    EXPECT_TRUE(all_but_chld->contains(SIGINT));
    EXPECT_TRUE(parse_signal_set("!none")->contains(SIGINT));
    EXPECT_TRUE(NumberSet::everything().contains(SIGHUP));
}

TEST(NumberSet, Descriptors) {
    const auto set = parse_descriptor_set("3,5");
    ASSERT_TRUE(set);
    EXPECT_TRUE(set->contains(3));
    EXPECT_TRUE(set->contains(5));
    EXPECT_FALSE(set->contains(4));
    EXPECT_TRUE(parse_descriptor_set("!3")->contains(4));
    EXPECT_FALSE(parse_descriptor_set("!3")->contains(3));
}

TEST(NumberSet, UnknownItemsAreErrors) {
    EXPECT_FALSE(parse_signal_set("SIGNOPE"));
    EXPECT_FALSE(parse_signal_set("0"));
    EXPECT_FALSE(parse_signal_set("65"));
    EXPECT_FALSE(parse_signal_set(""));
    EXPECT_FALSE(parse_signal_set("SIG"));
    EXPECT_FALSE(parse_descriptor_set("-1"));
    EXPECT_FALSE(parse_descriptor_set("x"));
    EXPECT_FALSE(parse_descriptor_set("3,"));
}

}  // namespace
}  // namespace netlens::trace
