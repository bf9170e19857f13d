#include "sockets/owners/background_owner_scan.h"

namespace netlens::sockets {

BackgroundOwnerScan::BackgroundOwnerScan(const std::string& proc_root, OwnerScanOptions options)
    : walk_(nullptr, proc_root, options), parts_(walk_.workers() + 1) {
    threads_.reserve(parts_.size() - 1);
    for (size_t i = 0; i + 1 < parts_.size(); ++i) {
        threads_.emplace_back([this, &part = parts_[i]] { walk_.work(part); });
    }
}

BackgroundOwnerScan::~BackgroundOwnerScan() {
    walk_.stop();
    // The jthreads join as they are destroyed, before the walk and parts they use.
    threads_.clear();
}

const OwnerScan& BackgroundOwnerScan::result() {
    std::call_once(finished_, [this] {
        walk_.work(parts_.back());
        threads_.clear();  // joins
        scan_ = walk_.finish(parts_);
    });
    return scan_;
}

}  // namespace netlens::sockets
