// Bulk TCP transfers on port 5001: the client uploads, the server answers with more
// data, each direction possibly struck by one of TCP's troubles; an idle connection
// may be probed by keep-alives; it ends with FIN or RST. One flow in twenty is a SYN
// that nobody answers.
#include <array>

#include "packet/generate/scenarios.h"
#include "packet/generate/tcp_connection.h"

namespace netlens::packet::generate {
namespace {

constexpr std::array<TcpTrouble, 6> kTroubles{TcpTrouble::none,         TcpTrouble::reorder,
                                              TcpTrouble::timeout_loss, TcpTrouble::fast_loss,
                                              TcpTrouble::zero_window,  TcpTrouble::none};

Bytes fill_data(std::string& buffer, std::size_t length, std::uint64_t phase) {
    buffer.clear();
    append_pattern(buffer, length, phase, "abcdefghijklmnopqrstuvwxyz");
    return text_bytes(buffer);
}

}  // namespace

void play_tcp(Flow& flow) {
    Random& random = flow.random();
    TcpConnection tcp(flow);
    if (random.percent(5)) {
        tcp.open_unanswered();
        return;
    }
    tcp.open();
    Bytes upload = fill_data(flow.scratch(Side::client), random.between(100, 20000), random.next());
    tcp.send(Side::client, upload, kTroubles[random.below(kTroubles.size())]);
    flow.wait(random.between(1, 20) * 1'000'000);
    Bytes download = fill_data(flow.scratch(Side::server), random.between(100, 40000), random.next());
    tcp.send(Side::server, download, kTroubles[random.below(kTroubles.size())]);
    if (random.percent(15)) {
        // Idle long enough for keep-alive probes (shortened from Linux's two hours).
        flow.wait(random.between(1000, 2000) * 1'000'000);
        tcp.keep_alive(Side::client);
    }
    flow.wait(random.between(1, 50) * 1'000'000);
    if (random.percent(25))
        tcp.reset(random.percent(50) ? Side::client : Side::server);
    else
        tcp.close(random.percent(60) ? Side::client : Side::server);
}

}  // namespace netlens::packet::generate
