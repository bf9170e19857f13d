// One run's way to the kernel: live, live while recording to a file (--record), or
// from a recording (--replay). It hands out a Source per namespace and, when replaying,
// says which namespaces the recorded run visited, so --all-netns revisits the same
// labels in the same order.
//
// Use, per command:
//   auto session = Session::live() / Session::record(path) / Session::replay(path);
//   for (const auto& target : session.namespaces([] { return all_netns_targets(); })) {
//       // live: enter target on this (or a worker) thread, then
//       auto source = session.source(target.label);   // on the thread in that namespace
//       auto socket = source::open_channel(*source, NETLINK_ROUTE);
//       ...
//   }
//   if (auto failed = session.finish()) ...            // --record: the file is complete
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/netns.h"
#include "source/recorder.h"
#include "source/recording.h"
#include "source/source.h"

namespace netlens::source {

class Session {
public:
    static Session live();
    // Creates `path`; an Error (usage) names it when it cannot be created.
    static Result<Session> record(const std::string& path);
    // Loads `path`; an Error (usage) names it when it cannot be read or is not a
    // recording. A damaged recording still gives a session: see damage().
    static Result<Session> replay(const std::string& path);

    bool replaying() const { return recording_ != nullptr; }
    bool recording() const { return recorder_ != nullptr; }
    // When replaying a cut or damaged file: where, and what was wrong (code partial).
    // The records before the damage are replayed; the command should exit partial.
    const std::optional<Error>& damage() const { return damage_; }

    // The namespaces to visit. Live, `live_targets()` (and a recording notes their
    // labels, or "" for none: the current namespace). Replaying, the labels the
    // recorded run visited, in its order, with empty paths: there is nothing to enter,
    // and an empty list when it visited only the current namespace.
    std::vector<NetnsTarget> namespaces(const std::function<std::vector<NetnsTarget>()>& live_targets);

    // A source for the namespace labelled `netns` ("" for the current one). Live and
    // recording sources answer for the calling thread's namespace: create and use one on
    // the thread that entered that namespace. Sources may outlive the session.
    std::unique_ptr<Source> source(const std::string& netns) const;

    // Recording: closes the file; an Error names it if a write failed. Call it once the
    // sources and the sockets they opened are gone: a socket writes its last exchange
    // when it closes.
    std::optional<Error> finish();

private:
    std::shared_ptr<Recorder> recorder_;
    std::shared_ptr<const Recording> recording_;
    std::optional<Error> damage_;
};

}  // namespace netlens::source
