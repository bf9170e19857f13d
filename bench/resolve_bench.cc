// What naming one socket costs `netlens trace`, measured in-process on sockets of this
// process (the resolver reads them exactly as it reads a tracee's: pidfd_getfd, then the
// socket's own answers). A loopback TCP connection costs three resolutions in a trace: the
// client's socket() (fresh), its connect() and the server's accept() (both full); the
// benchmark script turns these times into a cost per new socket.
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "trace/sockets/socket_resolver.h"

namespace {

using netlens::trace::NewSocket;
using netlens::trace::SocketResolver;

// A connected loopback pair: the client's end, to resolve.
struct Connection {
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int server = -1;

    Connection() {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || listen(listener, 1) != 0 ||
            getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
            connect(client, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0)
            return;
        server = accept(listener, nullptr, nullptr);
    }
    ~Connection() {
        for (const int fd : {listener, client, server})
            if (fd >= 0) close(fd);
    }
};

void FreshSocket(benchmark::State& state) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    SocketResolver resolver;
    for (auto _ : state) benchmark::DoNotOptimize(resolver.resolve_new_socket(getpid(), fd, NewSocket{AF_INET, SOCK_STREAM, 0}));
    close(fd);
}
BENCHMARK(FreshSocket);

void ConnectedTcpSocket(benchmark::State& state) {
    const Connection connection;
    if (connection.server < 0) {
        state.SkipWithError("no loopback connection");
        return;
    }
    SocketResolver resolver;
    for (auto _ : state) benchmark::DoNotOptimize(resolver.resolve(getpid(), connection.client));
}
BENCHMARK(ConnectedTcpSocket);

}  // namespace

BENCHMARK_MAIN();
