// A scratch recording file for the source tests, removed when the test ends.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

namespace netlens::source::test_support {

class ScratchFile {
public:
    explicit ScratchFile(const std::string& name)
        : path_(testing::TempDir() + "netlens-" + std::to_string(getpid()) + "-" + name) {}
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;
    ~ScratchFile() { unlink(path_.c_str()); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace netlens::source::test_support
