#include "source/source.h"

namespace netlens::source {

Result<netlink::Channel> open_channel(Source& source, int bus) {
    auto transport = source.open_netlink(bus);
    if (!transport) return transport.error();
    return netlink::Channel(std::move(*transport));
}

Result<std::string> read_text(Source& source, const std::string& path) {
    auto read = source.read_file(path);
    if (!read) return read.error();
    if (read->err != 0) {
        const ExitCode code = read->err == EACCES || read->err == EPERM ? ExitCode::permission : ExitCode::failure;
        return Error{code, path + ": " + errno_text(read->err)};
    }
    return std::move(read->text);
}

}  // namespace netlens::source
