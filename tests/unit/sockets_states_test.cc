// State names and masks, against what ss (iproute2 6.1) showed for live sockets: plain
// `ss -t` hid a TIME-WAIT and a SYN-RECV socket that `state connected` listed.
#include "sockets/analysis/states.h"

#include <gtest/gtest.h>

namespace netlens::sockets {
namespace {

constexpr uint32_t bit(TcpState state) { return state_bit(state); }

TEST(SocketsStates, DisplayNamesMatchSs) {
    EXPECT_EQ(state_display_name(TcpState::established), "ESTAB");
    EXPECT_EQ(state_display_name(TcpState::syn_sent), "SYN-SENT");
    EXPECT_EQ(state_display_name(TcpState::syn_recv), "SYN-RECV");
    EXPECT_EQ(state_display_name(TcpState::fin_wait1), "FIN-WAIT-1");
    EXPECT_EQ(state_display_name(TcpState::fin_wait2), "FIN-WAIT-2");
    EXPECT_EQ(state_display_name(TcpState::time_wait), "TIME-WAIT");
    EXPECT_EQ(state_display_name(TcpState::close), "UNCONN");
    EXPECT_EQ(state_display_name(TcpState::close_wait), "CLOSE-WAIT");
    EXPECT_EQ(state_display_name(TcpState::last_ack), "LAST-ACK");
    EXPECT_EQ(state_display_name(TcpState::listen), "LISTEN");
    EXPECT_EQ(state_display_name(TcpState::closing), "CLOSING");
    EXPECT_EQ(state_display_name(TcpState::new_syn_recv), "NEW-SYN-RECV");
}

TEST(SocketsStates, OutOfRangeStateIsUnknown) {
    EXPECT_EQ(state_display_name(TcpState{0}), "UNKNOWN");
    EXPECT_EQ(state_display_name(TcpState{13}), "UNKNOWN");
    EXPECT_EQ(state_display_name(TcpState{255}), "UNKNOWN");
}

TEST(SocketsStates, SingleStateNames) {
    EXPECT_EQ(state_mask_for("established"), bit(TcpState::established));
    EXPECT_EQ(state_mask_for("syn-sent"), bit(TcpState::syn_sent));
    EXPECT_EQ(state_mask_for("fin-wait-1"), bit(TcpState::fin_wait1));
    EXPECT_EQ(state_mask_for("fin-wait-2"), bit(TcpState::fin_wait2));
    EXPECT_EQ(state_mask_for("time-wait"), bit(TcpState::time_wait));
    EXPECT_EQ(state_mask_for("closed"), bit(TcpState::close));
    EXPECT_EQ(state_mask_for("close"), bit(TcpState::close));
    EXPECT_EQ(state_mask_for("close-wait"), bit(TcpState::close_wait));
    EXPECT_EQ(state_mask_for("last-ack"), bit(TcpState::last_ack));
    EXPECT_EQ(state_mask_for("listening"), bit(TcpState::listen));
    EXPECT_EQ(state_mask_for("closing"), bit(TcpState::closing));
    // Request sockets may be stored under either number; syn-recv covers both.
    EXPECT_EQ(state_mask_for("syn-recv"), bit(TcpState::syn_recv) | bit(TcpState::new_syn_recv));
}

TEST(SocketsStates, GroupNames) {
    const uint32_t connected = *state_mask_for("connected");
    EXPECT_EQ(connected & bit(TcpState::listen), 0U);
    EXPECT_EQ(connected & bit(TcpState::close), 0U);
    EXPECT_NE(connected & bit(TcpState::time_wait), 0U);  // ss lists TIME-WAIT for it
    EXPECT_NE(connected & bit(TcpState::syn_recv), 0U);
    EXPECT_EQ(*state_mask_for("synchronized"), connected & ~bit(TcpState::syn_sent));
    const uint32_t bucket = bit(TcpState::syn_recv) | bit(TcpState::new_syn_recv) | bit(TcpState::time_wait);
    EXPECT_EQ(*state_mask_for("bucket"), bucket);
    EXPECT_EQ(*state_mask_for("big"), kAllStates & ~bucket);
    EXPECT_EQ(*state_mask_for("all"), kAllStates);
}

TEST(SocketsStates, NamesAreCaseInsensitiveButNotDisplayNames) {
    EXPECT_EQ(state_mask_for("Established"), bit(TcpState::established));
    EXPECT_EQ(state_mask_for("TIME-WAIT"), bit(TcpState::time_wait));
    EXPECT_EQ(state_mask_for("ALL"), kAllStates);
    // ss 6.1 rejects these too.
    EXPECT_FALSE(state_mask_for("listen"));
    EXPECT_FALSE(state_mask_for("ESTAB"));
    EXPECT_FALSE(state_mask_for("unconn"));
    EXPECT_FALSE(state_mask_for(""));
    EXPECT_FALSE(state_mask_for("established "));
}

TEST(SocketsStates, NameListForErrors) {
    const std::string names = state_filter_names();
    EXPECT_EQ(names.rfind("all, connected", 0), 0U);
    EXPECT_NE(names.find("time-wait"), std::string::npos);
    EXPECT_NE(names.find("listening"), std::string::npos);
}

TEST(SocketsStates, DefaultMasks) {
    const uint32_t plain = default_state_mask(StateScope::connected);
    for (auto hidden : {TcpState::listen, TcpState::close, TcpState::time_wait, TcpState::syn_recv,
                        TcpState::new_syn_recv}) {
        EXPECT_EQ(plain & bit(hidden), 0U) << state_display_name(hidden);
    }
    for (auto shown : {TcpState::established, TcpState::syn_sent, TcpState::fin_wait1, TcpState::fin_wait2,
                       TcpState::close_wait, TcpState::last_ack, TcpState::closing}) {
        EXPECT_NE(plain & bit(shown), 0U) << state_display_name(shown);
    }
    EXPECT_EQ(default_state_mask(StateScope::listening), bit(TcpState::listen) | bit(TcpState::close));
    EXPECT_EQ(default_state_mask(StateScope::all), kAllStates);
}

}  // namespace
}  // namespace netlens::sockets
