#include "iface/driver_info.h"

#include <linux/ethtool.h>

#include <cerrno>
#include <cstring>
#include <span>

namespace netlens::iface {

namespace {

// A fixed-size char field the driver filled; not trusted to hold a terminator.
template <size_t N>
std::string field_text(const char (&field)[N]) {
    return std::string(field, strnlen(field, N));
}

}  // namespace

Error ethtool_ioctl_error(const std::string& device, const char* step, int err) {
    const ExitCode code = err == EPERM ? ExitCode::permission : ExitCode::failure;
    return Error{code, device + ": ethtool " + step + ": " + errno_text(err)};
}

Result<int> query_driver_info(source::Source& source, const std::string& device, DriverInfo& info) {
    ethtool_drvinfo answer{};
    answer.cmd = ETHTOOL_GDRVINFO;
    auto err = source.ethtool(device, std::as_writable_bytes(std::span(&answer, 1)));
    if (!err || *err != 0) return err;
    info = DriverInfo{field_text(answer.driver),       field_text(answer.version),  field_text(answer.fw_version),
                      field_text(answer.erom_version), field_text(answer.bus_info), answer.n_stats};
    return 0;
}

}  // namespace netlens::iface
