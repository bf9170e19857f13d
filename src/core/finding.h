// The record every capability uses to report what it noticed: a stable id, the layer
// it belongs to, how bad it is, the facts that prove it (each naming its source), what
// to do about it and which command to run next. Checks that could not run are listed
// as Skipped with the reason, so a silent gap never looks like a clean bill of health.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/skipped_checks.h"

namespace netlens {

enum class Layer { l1_2, l3, l4, l7 };
enum class Severity { info, warning, critical };

const char* to_string(Layer layer);
const char* to_string(Severity severity);

// One fact behind a finding. The value keeps its type (a count stays a number, a flag a
// bool) so JSON readers need not parse prose; only numbers, strings and bools are used.
// Keys are snake_case and carry the unit of the source when there is one: "rtt_us",
// "interval_s", "queue_bytes".
struct Evidence {
    std::string key;     // "rx_errors"
    Json value;          // 1234
    std::string source;  // "rtnetlink", "/proc/net/netstat", "ethtool"
};

// A name from outside (a driver's counter, a device) made into an evidence key:
// lower case, anything but letters, digits and '_' becomes '_' ("port.rx-drops" ->
// "port_rx_drops").
std::string evidence_key(std::string_view name);

struct Finding {
    std::string id;  // stable and dotted: "link.no_carrier"
    Layer layer = Layer::l3;
    Severity severity = Severity::info;
    std::string title;  // one line
    std::vector<Evidence> evidence;
    std::string advice;        // one or two sentences
    std::string next_command;  // what to run next
    std::string netns;         // namespace the finding is about, empty for the current one
};

struct Skipped {
    std::string check;     // "nic.driver_counters", "netns blue": a name from kSkippedChecks
    std::string reason;    // "needs CAP_NET_ADMIN"
    bool partial = false;  // data the output depends on is missing or damaged: exit 3
};

// What every command hands to the output layer besides its own results.
struct Diagnosis {
    std::vector<Finding> findings;
    std::vector<Skipped> skipped;

    void add(Finding finding) { findings.push_back(std::move(finding)); }
    // The same check skipped for the same reason (once per namespace, say) is kept once.
    void skip(SkippedCheck check, std::string reason);
    // A check about one thing: ("netns", "blue", ...) is reported as "netns blue".
    void skip(SkippedCheck check, std::string_view subject, std::string reason);
    // Data the results depend on was missing or damaged (an undecodable message, an
    // unreadable file): listed like a skipped check, and the command exits 3.
    void damaged(SkippedCheck what, std::string reason);
    bool partial() const;
    // Appends another diagnosis (one namespace's), keeping the order.
    void append(Diagnosis other);

private:
    // Adds a skipped entry unless the same one is already there (then marks it partial
    // if this one is).
    void keep_skipped(Skipped entry);
};

// True when any finding is at least this severe.
bool has_severity_at_least(const Diagnosis& diagnosis, Severity severity);

}  // namespace netlens
