#include "core/capabilities.h"

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace netlens {

bool has_capability(Capability capability) {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    if (syscall(SYS_capget, &header, data) != 0) return false;
    const int bit = static_cast<int>(capability);
    return (data[bit / 32].effective & (1U << (bit % 32))) != 0;
}

std::string capability_name(Capability capability) {
    switch (capability) {
        case Capability::net_admin: return "CAP_NET_ADMIN";
        case Capability::net_raw: return "CAP_NET_RAW";
        case Capability::sys_admin: return "CAP_SYS_ADMIN";
        case Capability::sys_ptrace: return "CAP_SYS_PTRACE";
        case Capability::bpf: return "CAP_BPF";
    }
    return "CAP_UNKNOWN";
}

std::string needs(Capability capability) { return "needs " + capability_name(capability); }

}  // namespace netlens
