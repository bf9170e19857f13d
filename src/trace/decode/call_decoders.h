// The decoder of each call of the default and network sets, by file: socket calls
// (call_decoders_socket.cc), data and fd calls (call_decoders_io.cc), waits
// (call_decoders_wait.cc). The `keep_*` functions run at the entry stop.
#pragma once

#include "trace/decode/call_context.h"

namespace netlens::trace::call_decoders {

// Socket calls
void socket(CallContext& context);
void socketpair(CallContext& context);
void bind_or_connect(CallContext& context);
void listen(CallContext& context);
void keep_address_length(CallContext& context);  // accept*, get*name, recvfrom
void accept(CallContext& context);
void accept4(CallContext& context);
void socket_name(CallContext& context);  // getsockname, getpeername
void sendto(CallContext& context);
void recvfrom(CallContext& context);
void sendmsg(CallContext& context);
void recvmsg(CallContext& context);
void sendmmsg(CallContext& context);
void recvmmsg(CallContext& context);
void shutdown(CallContext& context);
void setsockopt(CallContext& context);
void keep_option_length(CallContext& context);
void getsockopt(CallContext& context);

// Data and fd calls
void read(CallContext& context);
void write(CallContext& context);
void readv(CallContext& context);
void writev(CallContext& context);
void pread64(CallContext& context);
void pwrite64(CallContext& context);
void keep_sendfile_offset(CallContext& context);
void sendfile(CallContext& context);
void splice(CallContext& context);
void close(CallContext& context);
void dup(CallContext& context);
void dup2(CallContext& context);
void dup3(CallContext& context);
void fcntl(CallContext& context);
void open(CallContext& context);
void openat(CallContext& context);

// Waits
void poll(CallContext& context);
void keep_ppoll_timeout(CallContext& context);
void ppoll(CallContext& context);
void keep_select_state(CallContext& context);  // select and pselect6
void select(CallContext& context);
void pselect6(CallContext& context);
void epoll_create1(CallContext& context);
void epoll_ctl(CallContext& context);
void epoll_wait(CallContext& context);
void epoll_pwait(CallContext& context);

}  // namespace netlens::trace::call_decoders
