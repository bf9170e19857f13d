#include "trace/signal_set.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace netlens::trace {
namespace {

TEST(SignalSet, NamesWithOrWithoutPrefixInAnyCaseAndNumbers) {
    auto set = parse_signal_set("SIGCHLD,term,Usr1,9");
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_TRUE(set->test(SIGCHLD));
    EXPECT_TRUE(set->test(SIGTERM));
    EXPECT_TRUE(set->test(SIGUSR1));
    EXPECT_TRUE(set->test(SIGKILL));
    EXPECT_EQ(set->count(), 4u);
}

TEST(SignalSet, AllNoneAndNegation) {
    EXPECT_EQ(parse_signal_set("none")->count(), 0u);
    EXPECT_EQ(parse_signal_set("all")->count(), 64u);
    const auto all_but_chld = parse_signal_set("!SIGCHLD");
    ASSERT_TRUE(all_but_chld);
    EXPECT_FALSE(all_but_chld->test(SIGCHLD));
    EXPECT_TRUE(all_but_chld->test(SIGINT));
    EXPECT_FALSE(all_but_chld->test(0));
    EXPECT_TRUE(parse_signal_set("SIGRTMIN")->test(static_cast<size_t>(SIGRTMIN)));
}

TEST(SignalSet, UnknownNamesAndNumbersAreErrors) {
    EXPECT_FALSE(parse_signal_set("SIGNOPE"));
    EXPECT_FALSE(parse_signal_set("0"));
    EXPECT_FALSE(parse_signal_set("65"));
    EXPECT_FALSE(parse_signal_set(""));
    EXPECT_FALSE(parse_signal_set("SIG"));
}

}  // namespace
}  // namespace netlens::trace
