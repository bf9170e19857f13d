// Socket calls. Out-arguments (addresses, lengths, received data) are shown only when the
// call succeeded; before that, or after a failure, strace shows their addresses.
#include <sys/socket.h>

#include <algorithm>

#include "trace/decode/call_decoders.h"
#include "trace/decode/constants.h"
#include "trace/decode/iovec.h"
#include "trace/decode/sockaddr.h"
#include "trace/decode/sockopt.h"
#include "trace/decode/strings.h"
#include "trace/decode/tracee_read.h"
#include "trace/decode/value_build.h"
#include "trace/decode/wait_values.h"

namespace netlens::trace::call_decoders {
namespace {

Value socket_type(uint64_t type) {
    return enum_with_flags_value(constants::socket_types(), 0xf, "SOCK", constants::socket_type_flags(), type);
}

// The protocol argument means something different in each family.
Value socket_protocol(int family, uint32_t protocol) {
    switch (family) {
        case AF_INET:
        case AF_INET6: return constant_value(constants::ip_protocols(), protocol, "IPPROTO");
        case AF_NETLINK: return constant_value(constants::netlink_protocols(), protocol, "NETLINK");
        case AF_PACKET: {
            const auto host_order = static_cast<uint16_t>(((protocol & 0xff) << 8) | ((protocol >> 8) & 0xff));
            return wrapped("htons(", constant_value(constants::ethernet_protocols(), host_order, "ETH_P"), ")");
        }
        default: return unsigned_value(protocol);
    }
}

// "[16]", or "[128 => 16]" when the call changed the length it was given.
Value in_out_length(const CallContext& context, size_t pointer_arg, size_t kept_index) {
    const uint64_t pointer = context.arg(pointer_arg);
    const auto before = context.entry_value(kept_index);
    const auto after = context.succeeded() ? read_object<uint32_t>(context.memory, pointer) : std::nullopt;
    if (!after) {
        if (before) return leaf("[" + std::to_string(*before) + "]", *before);
        return pointer_value(pointer);
    }
    if (before && *before != *after)
        return leaf("[" + std::to_string(*before) + " => " + std::to_string(*after) + "]", *after);
    return wrapped("[", unsigned_value(*after), "]");
}

// The address an accept/get*name/recvfrom wrote, cut to the smaller of the two lengths.
Value returned_address(const CallContext& context, size_t address_arg, size_t length_arg, size_t kept_index) {
    const uint64_t address = context.arg(address_arg);
    if (address == 0 || !context.succeeded()) return pointer_value(address);
    const auto after = read_object<uint32_t>(context.memory, context.arg(length_arg));
    if (!after) return pointer_value(address);
    const uint64_t before = context.entry_value(kept_index).value_or(*after);
    return sockaddr_value(context.memory, address, std::min<uint64_t>(before, *after), context.options.hex);
}

Value message_flags(uint64_t flags) { return flags_value(constants::message_flags(), static_cast<uint32_t>(flags)); }

}  // namespace

void socket(CallContext& context) {
    const int family = context.int_arg(0);
    context.add(constant_value(constants::address_families(), static_cast<uint32_t>(family), "AF"));
    context.add(socket_type(static_cast<uint32_t>(context.arg(1))));
    context.add(socket_protocol(family, static_cast<uint32_t>(context.arg(2))));
    context.result_form = ResultForm::fd;
}

void socketpair(CallContext& context) {
    const int family = context.int_arg(0);
    context.add(constant_value(constants::address_families(), static_cast<uint32_t>(family), "AF"));
    context.add(socket_type(static_cast<uint32_t>(context.arg(1))));
    context.add(socket_protocol(family, static_cast<uint32_t>(context.arg(2))));
    const auto pair = context.succeeded() ? read_object<std::array<int, 2>>(context.memory, context.arg(3)) : std::nullopt;
    context.add(pair ? array({context.fd((*pair)[0]), context.fd((*pair)[1])}) : pointer_value(context.arg(3)));
}

void bind_or_connect(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(sockaddr_value(context.memory, context.arg(1), static_cast<uint32_t>(context.arg(2)), context.options.hex));
    context.add(unsigned_value(static_cast<uint32_t>(context.arg(2))));
}

void listen(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(signed_value(context.int_arg(1)));
}

void keep_address_length(CallContext& context) {
    const size_t length_arg = context.call.name == "recvfrom" ? 5 : 2;
    if (const auto length = read_object<uint32_t>(context.memory, context.arg(length_arg)))
        context.call.entry_values = {*length};
}

void accept(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(returned_address(context, 1, 2, 0));
    context.add(context.arg(1) == 0 && context.arg(2) == 0 ? pointer_value(0) : in_out_length(context, 2, 0));
    context.result_form = ResultForm::fd;
}

void accept4(CallContext& context) {
    accept(context);
    context.add(flags_value(constants::socket_type_flags(), static_cast<uint32_t>(context.arg(3))));
}

void socket_name(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(returned_address(context, 1, 2, 0));
    context.add(in_out_length(context, 2, 0));
}

void sendto(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(buffer_value(context.memory, context.arg(1), context.arg(2), context.options));
    context.add(unsigned_value(context.arg(2)));
    context.add(message_flags(context.arg(3)));
    context.add(sockaddr_value(context.memory, context.arg(4), static_cast<uint32_t>(context.arg(5)), context.options.hex));
    context.add(unsigned_value(static_cast<uint32_t>(context.arg(5))));
    context.call.payload = read_payload(context.memory, context.arg(1), context.arg(2), context.options.payload_limit);
}

void recvfrom(CallContext& context) {
    context.add(context.fd_arg(0));
    if (context.succeeded()) {
        const auto received = static_cast<uint64_t>(context.returned());
        context.add(buffer_value(context.memory, context.arg(1), received, context.options));
        context.call.payload = read_payload(context.memory, context.arg(1), received, context.options.payload_limit);
    } else {
        context.add(pointer_value(context.arg(1)));
    }
    context.add(unsigned_value(context.arg(2)));
    context.add(message_flags(context.arg(3)));
    context.add(returned_address(context, 4, 5, 0));
    context.add(context.arg(5) == 0 ? pointer_value(0) : in_out_length(context, 5, 0));
}

void sendmsg(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(msghdr_value(context.memory, context.arg(1), kAllData, context.options, context.fd_renderer()));
    context.add(message_flags(context.arg(2)));
    context.call.payload = msghdr_payload(context.memory, context.arg(1), kAllData, context.options.payload_limit);
}

void recvmsg(CallContext& context) {
    context.add(context.fd_arg(0));
    if (context.succeeded()) {
        const auto received = static_cast<uint64_t>(context.returned());
        context.add(msghdr_value(context.memory, context.arg(1), received, context.options, context.fd_renderer()));
        context.call.payload = msghdr_payload(context.memory, context.arg(1), received, context.options.payload_limit);
    } else {
        context.add(pointer_value(context.arg(1)));
    }
    context.add(message_flags(context.arg(2)));
}

void sendmmsg(CallContext& context) {
    context.add(context.fd_arg(0));
    const uint64_t count = context.succeeded() ? static_cast<uint64_t>(context.returned()) : static_cast<uint32_t>(context.arg(2));
    context.add(mmsghdr_array_value(context.memory, context.arg(1), count, false, context.options, context.fd_renderer()));
    context.add(unsigned_value(static_cast<uint32_t>(context.arg(2))));
    context.add(message_flags(context.arg(3)));
}

void recvmmsg(CallContext& context) {
    context.add(context.fd_arg(0));
    if (context.succeeded()) {
        const auto count = static_cast<uint64_t>(context.returned());
        context.add(mmsghdr_array_value(context.memory, context.arg(1), count, true, context.options, context.fd_renderer()));
    } else {
        context.add(pointer_value(context.arg(1)));
    }
    context.add(unsigned_value(static_cast<uint32_t>(context.arg(2))));
    context.add(message_flags(context.arg(3)));
    const auto timeout = read_object<std::array<int64_t, 2>>(context.memory, context.arg(4));
    context.add(timeout ? timespec_value((*timeout)[0], (*timeout)[1]) : pointer_value(context.arg(4)));
}

void shutdown(CallContext& context) {
    context.add(context.fd_arg(0));
    context.add(constant_value(constants::shutdown_modes(), static_cast<uint32_t>(context.arg(1)), "SHUT"));
}

void setsockopt(CallContext& context) {
    const auto level = static_cast<uint32_t>(context.arg(1));
    const auto name = static_cast<uint32_t>(context.arg(2));
    const auto length = static_cast<uint32_t>(context.arg(4));
    context.add(context.fd_arg(0));
    context.add(socket_level_value(level));
    context.add(socket_option_name_value(level, name));
    context.add(socket_option_value(context.memory, context.arg(3), length, level, name, context.options));
    context.add(unsigned_value(length));
}

void keep_option_length(CallContext& context) {
    if (const auto length = read_object<uint32_t>(context.memory, context.arg(4))) context.call.entry_values = {*length};
}

void getsockopt(CallContext& context) {
    const auto level = static_cast<uint32_t>(context.arg(1));
    const auto name = static_cast<uint32_t>(context.arg(2));
    context.add(context.fd_arg(0));
    context.add(socket_level_value(level));
    context.add(socket_option_name_value(level, name));
    const auto length = context.succeeded() ? read_object<uint32_t>(context.memory, context.arg(4)) : std::nullopt;
    context.add(length ? socket_option_value(context.memory, context.arg(3), *length, level, name, context.options)
                       : pointer_value(context.arg(3)));
    context.add(in_out_length(context, 4, 0));
}

}  // namespace netlens::trace::call_decoders
