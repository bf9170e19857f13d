// docs/findings.md is generated from the finding catalogue; this fails while the
// checked-in file differs from what the catalogue renders (run `make docs`).
#include "core/findings_markdown.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace netlens {
namespace {

TEST(FindingsMarkdown, CheckedInDocIsCurrent) {
    const std::string path = std::string(NETLENS_SOURCE_DIR) + "/docs/findings.md";
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << path << ": cannot read";
    std::ostringstream checked_in;
    checked_in << in.rdbuf();
    EXPECT_EQ(checked_in.str(), findings_markdown()) << path << " is stale: run `make docs` and commit it";
}

TEST(FindingsMarkdown, PipesInCommandsDoNotSplitCells) {
    const std::string md = findings_markdown();
    EXPECT_NE(md.find("ethtool -S {dev} \\| grep"), std::string::npos);
}

}  // namespace
}  // namespace netlens
