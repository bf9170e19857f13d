// The catalogue describes when findings fire in words ("10 or more sockets", "at 80 %");
// the code decides with AdviceThresholds. This keeps the two in step: changing a default
// without the text (or the other way round) fails here.
#include <gtest/gtest.h>

#include <string>

#include "core/finding_catalogue.h"
#include "iface/findings.h"
#include "sockets/analysis/state_advice.h"

namespace netlens {
namespace {

std::string percent(double fraction) { return std::to_string(static_cast<int>(fraction * 100 + 0.5)) + " %"; }

std::string text_of(std::string_view id) {
    const CatalogueEntry* entry = find_catalogue_entry(id);
    if (entry == nullptr) return "<not catalogued>";
    std::string text(entry->meaning);
    text += " | " + std::string(entry->severity.when);
    if (entry->escalated) text += " | " + std::string(entry->escalated->when);
    return text;
}

void expect_mentions(std::string_view id, const std::string& words) {
    EXPECT_NE(text_of(id).find(words), std::string::npos) << id << " should say \"" << words << "\": " << text_of(id);
}

TEST(FindingThresholds, CatalogueTextsNameTheDefaults) {
    const sockets::AdviceThresholds t;
    expect_mentions("tcp.close_wait_pile", std::to_string(t.close_wait) + " or more");
    expect_mentions("tcp.syn_sent_pile", std::to_string(t.syn_sent_per_peer) + " or more");
    expect_mentions("tcp.syn_recv_pile", std::to_string(t.syn_recv_per_listener) + " or more");
    expect_mentions("tcp.fin_wait2_pile", std::to_string(t.fin_wait2) + " or more");
    expect_mentions("tcp.last_ack_pile", std::to_string(t.last_ack) + " or more");
    expect_mentions("tcp.listen_queue_full", percent(t.accept_queue_warning));
    expect_mentions("tcp.orphans_near_limit", percent(t.orphans_warning));
    expect_mentions("tcp.orphans_near_limit", percent(t.orphans_critical));
    expect_mentions("tcp.local_port_exhaustion", percent(t.ports_warning));
    expect_mentions("tcp.local_port_exhaustion", percent(t.ports_critical));
    expect_mentions("neigh.many_unresolved", std::to_string(iface::kUnresolvedNeighbourThreshold) + " or more");
}

}  // namespace
}  // namespace netlens
