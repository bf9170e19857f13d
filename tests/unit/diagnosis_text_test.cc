// The text form of findings shows typed evidence as a person reads it: numbers plainly,
// strings without JSON quotes, a measured interval to a few digits.
#include "core/diagnosis_text.h"

#include <gtest/gtest.h>

#include <sstream>

namespace netlens {
namespace {

TEST(DiagnosisText, EvidenceValuesArePrintedPlainly) {
    Diagnosis diagnosis;
    diagnosis.add({
        .id = "link.errors_rising",
        .title = "eth0: error or drop counters rose during the interval",
        .evidence = {{"rx_errors", uint64_t{12}, "rtnetlink"},
                     {"interval_s", 2.000123456789, "clock"},
                     {"lower_up", false, "rtnetlink"},
                     {"state", "UP", "rtnetlink"}},
    });
    std::ostringstream out;
    print_diagnosis_text(out, diagnosis, false);
    const std::string text = out.str();
    EXPECT_NE(text.find("rx_errors = 12  (rtnetlink)"), std::string::npos) << text;
    EXPECT_NE(text.find("interval_s = 2.00012  (clock)"), std::string::npos) << text;
    EXPECT_NE(text.find("lower_up = false  (rtnetlink)"), std::string::npos) << text;
    EXPECT_NE(text.find("state = UP  (rtnetlink)"), std::string::npos) << text;
}

}  // namespace
}  // namespace netlens
