#include "source/session.h"

#include "source/live_source.h"
#include "source/recording_source.h"
#include "source/replay_source.h"

namespace netlens::source {

Session Session::live() { return Session(); }

Result<Session> Session::record(const std::string& path) {
    auto recorder = Recorder::create(path);
    if (!recorder) return recorder.error();
    Session session;
    session.recorder_ = std::move(*recorder);
    return session;
}

Result<Session> Session::replay(const std::string& path) {
    auto loaded = load_recording(path);
    if (!loaded) return loaded.error();
    Session session;
    session.recording_ = std::make_shared<const Recording>(std::move(loaded->recording));
    session.damage_ = std::move(loaded->damage);
    return session;
}

std::vector<NetnsTarget> Session::namespaces(const std::function<std::vector<NetnsTarget>()>& live_targets) {
    if (replaying()) {
        const auto& labels = recording_->namespaces();
        if (labels.empty() || (labels.size() == 1 && labels.front().empty())) return {};
        std::vector<NetnsTarget> targets;
        for (const auto& label : labels) targets.push_back({label, ""});
        return targets;
    }
    auto targets = live_targets();
    if (recording()) {
        if (targets.empty()) recorder_->add(Entry{.kind = EntryKind::netns});
        for (const auto& target : targets) recorder_->add(Entry{.kind = EntryKind::netns, .netns = target.label});
    }
    return targets;
}

std::unique_ptr<Source> Session::source(const std::string& netns) const {
    if (replaying()) return std::make_unique<ReplaySource>(recording_, netns);
    auto live = std::make_unique<LiveSource>(netns);
    if (!recording()) return live;
    return std::make_unique<RecordingSource>(std::move(live), recorder_);
}

std::optional<Error> Session::finish() {
    if (!recording()) return std::nullopt;
    return recorder_->finish();
}

}  // namespace netlens::source
