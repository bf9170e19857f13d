// HTTP/1.1 conversations. The client asks, the server thinks (a few milliseconds, or a
// second or more when slow) and answers with a status drawn from kHttpStatuses and a
// body sent with Content-Length or in chunks. Several requests share a connection
// unless the last one says "Connection: close". HTTP flows carry no TCP trouble, so a
// dissector's reassembly sees every message whole.
#include <string>

#include "packet/generate/scenarios.h"
#include "packet/generate/tcp_connection.h"

namespace netlens::packet::generate {
namespace {

constexpr std::array<std::string_view, 5> kPaths{"/", "/index.html", "/api/v1/items", "/static/app.js",
                                                  "/images/logo.png"};

std::size_t pick_status(Random& random) {
    unsigned total = 0;
    for (const auto& status : kHttpStatuses) total += status.weight;
    auto roll = static_cast<unsigned>(random.below(total));
    for (std::size_t i = 0; i < kHttpStatuses.size(); ++i) {
        if (roll < kHttpStatuses[i].weight) return i;
        roll -= kHttpStatuses[i].weight;
    }
    return 0;
}

void append_body_text(std::string& out, std::size_t length, std::size_t phase) {
    append_pattern(out, length, phase, "netlens generated body text 0123456789\n");
}

void build_request(std::string& out, Random& random, bool last, bool close) {
    out.clear();
    out += random.percent(85) ? "GET " : "POST ";
    bool post = out[0] == 'P';
    out += kPaths[random.below(kPaths.size())];
    out += " HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: netlens-capgen/1\r\nAccept: */*\r\n";
    if (last && close) out += "Connection: close\r\n";
    if (post) {
        std::size_t length = random.between(10, 3000);
        out += "Content-Type: text/plain\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
        append_body_text(out, length, length);
        return;
    }
    out += "\r\n";
}

// Returns whether the body went chunked.
bool build_response(std::string& out, Random& random, const HttpStatus& status, bool last, bool close) {
    out.clear();
    out += "HTTP/1.1 " + std::to_string(status.code) + " " + std::string(status.reason) + "\r\n";
    out += "Server: netlens-capgen\r\nContent-Type: text/html\r\n";
    if (status.code == 301) out += "Location: https://www.example.com/\r\n";
    if (last && close) out += "Connection: close\r\n";
    if (!status.has_body) {
        out += "\r\n";
        return false;
    }
    std::size_t length = random.percent(70) ? random.between(0, 2000) : random.between(2000, 40000);
    if (random.percent(30)) {
        out += "Transfer-Encoding: chunked\r\n\r\n";
        for (std::size_t sent = 0; sent < length;) {
            std::size_t chunk = std::min<std::size_t>(length - sent, random.between(100, 8000));
            char size[24];
            std::snprintf(size, sizeof size, "%zx\r\n", chunk);
            out += size;
            append_body_text(out, chunk, sent);
            out += "\r\n";
            sent += chunk;
        }
        out += "0\r\n\r\n";
        return true;
    }
    out += "Content-Length: " + std::to_string(length) + "\r\n\r\n";
    append_body_text(out, length, 0);
    return false;
}

}  // namespace

void play_http(Flow& flow) {
    Random& random = flow.random();
    TcpConnection tcp(flow);
    tcp.open();
    std::size_t requests = random.percent(40) ? 1 : random.between(2, 5);
    bool close = random.percent(50);
    CaptureSummary::Http& counts = flow.summary().http;
    for (std::size_t i = 0; i < requests; ++i) {
        bool last = i + 1 == requests;
        std::string& request = flow.scratch(Side::client);
        build_request(request, random, last, close);
        tcp.send(Side::client, text_bytes(request));
        ++counts.requests;

        bool slow = random.percent(5);
        flow.wait(slow ? random.between(1000, 3000) * 1'000'000 : random.between(1, 30) * 1'000'000);
        std::size_t status = pick_status(random);
        std::string& response = flow.scratch(Side::server);
        if (build_response(response, random, kHttpStatuses[status], last, close)) ++counts.chunked_responses;
        tcp.send(Side::server, text_bytes(response));
        ++counts.responses;
        ++counts.by_status[status];
        if (slow) ++counts.slow_responses;
        if (!last) flow.wait(random.between(5, 500) * 1'000'000);  // the client reads, then asks again
    }
    if (random.percent(10))
        tcp.reset(Side::server);
    else
        tcp.close(close ? Side::server : Side::client);
}

}  // namespace netlens::packet::generate
