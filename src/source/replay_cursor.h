// Which recorded answers a replay has served. A question asked twice (a dump repeated
// after an interrupt, a second --interval sample) gets the second recorded answer, as
// the live run did; asked more often than recorded, or never recorded, it is an Error
// naming the question, never a guess. One cursor per replayed namespace, shared by the
// source and the netlink transports it opens; not for use from several threads.
#pragma once

#include <map>
#include <memory>

#include "core/error.h"
#include "source/entry.h"
#include "source/recording.h"

namespace netlens::source {

class ReplayCursor {
public:
    explicit ReplayCursor(std::shared_ptr<const Recording> recording) : recording_(std::move(recording)) {}

    // The next recorded answer to `question` (an Error with code partial when there is none).
    Result<const Entry*> next(const Entry& question);

private:
    std::shared_ptr<const Recording> recording_;
    std::map<const Entry*, size_t> served_;  // keyed by the question's first answer
};

// Whether `error` says the recording never held an answer to the question (a recording
// made before netlens recorded that kind of question), as opposed to a damaged one.
bool is_not_recorded(const Error& error);

}  // namespace netlens::source
