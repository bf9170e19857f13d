#include "proc/comm.h"

namespace netlens::proc {

std::string_view parse_comm(std::string_view text) {
    if (text.ends_with('\n')) text.remove_suffix(1);
    return text;
}

}  // namespace netlens::proc
