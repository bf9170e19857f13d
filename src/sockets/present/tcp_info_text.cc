#include "sockets/present/tcp_info_text.h"

#include <linux/tcp.h>

#include <cstdio>

namespace netlens::sockets {

namespace {

template <typename... Args>
void append_format(std::string& out, const char* format, Args... args) {
    char text[128];
    const int length = std::snprintf(text, sizeof(text), format, args...);
    if (length > 0) out.append(text, std::min<size_t>(static_cast<size_t>(length), sizeof(text) - 1));
}

// "%g" of a microsecond count in milliseconds, the unit ss prints times in.
double ms(uint32_t us) { return us / 1000.0; }

constexpr uint64_t kNoRate = ~uint64_t{0};

void append_options(std::string& out, const TcpInfo& info) {
    if (info.options & TCPI_OPT_TIMESTAMPS) out += " ts";
    if (info.options & TCPI_OPT_SACK) out += " sack";
    if (info.options & TCPI_OPT_ECN) out += " ecn";
    if (info.options & TCPI_OPT_ECN_SEEN) out += " ecnseen";
    if (info.options & TCPI_OPT_SYN_DATA) out += " fastopen";
}

void append_windows_and_times(std::string& out, const TcpInfo& info) {
    if (!info.congestion.empty()) out += " " + info.congestion;
    if (info.options & TCPI_OPT_WSCALE) append_format(out, " wscale:%d,%d", info.snd_wscale, info.rcv_wscale);
    // 3 s is the initial RTO of a socket that never measured one; ss leaves it out.
    if (info.rto_us != 0 && info.rto_us != 3000000) append_format(out, " rto:%g", ms(info.rto_us));
    if (info.backoff) append_format(out, " backoff:%u", info.backoff);
    if (info.rtt_us) append_format(out, " rtt:%g/%g", ms(info.rtt_us), ms(info.rttvar_us));
    if (info.ato_us) append_format(out, " ato:%g", ms(info.ato_us));
    if (info.snd_mss) append_format(out, " mss:%u", info.snd_mss);
    if (info.pmtu) append_format(out, " pmtu:%u", info.pmtu);
    if (info.rcv_mss) append_format(out, " rcvmss:%u", info.rcv_mss);
    if (info.advmss) append_format(out, " advmss:%u", info.advmss);
    if (info.snd_cwnd) append_format(out, " cwnd:%u", info.snd_cwnd);
    // 0xFFFF and above mean "still in slow start" (TCP_INFINITE_SSTHRESH).
    if (info.snd_ssthresh && info.snd_ssthresh < 0xFFFF) append_format(out, " ssthresh:%u", info.snd_ssthresh);
}

void append_counters(std::string& out, const TcpInfo& info) {
    auto counter = [&](const char* name, unsigned long long value) {
        if (value) append_format(out, " %s:%llu", name, value);
    };
    counter("bytes_sent", info.bytes_sent);
    counter("bytes_retrans", info.bytes_retrans);
    counter("bytes_acked", info.bytes_acked);
    counter("bytes_received", info.bytes_received);
    counter("segs_out", info.segs_out);
    counter("segs_in", info.segs_in);
    counter("data_segs_out", info.data_segs_out);
    counter("data_segs_in", info.data_segs_in);
}

// bbr:(bw:...,mrtt:...,pacing_gain:...,cwnd_gain:...) with the gains in units of 1/256.
void append_bbr(std::string& out, const TcpInfo& info, bool numeric) {
    if (!info.bbr) return;
    out += " bbr:(bw:" + rate_text(info.bbr_bw_bytes_per_s * 8.0, numeric) + "bps";
    append_format(out, ",mrtt:%g", ms(info.bbr_min_rtt_us));
    if (info.bbr_pacing_gain) append_format(out, ",pacing_gain:%g", info.bbr_pacing_gain / 256.0);
    if (info.bbr_cwnd_gain) append_format(out, ",cwnd_gain:%g", info.bbr_cwnd_gain / 256.0);
    out += ")";
}

void append_rates(std::string& out, const TcpInfo& info, bool numeric) {
    // The rate the window allows: cwnd segments per smoothed RTT (vegas' own RTT if it runs).
    const double rtt_us = info.vegas_rtt_us ? info.vegas_rtt_us : info.rtt_us;
    if (rtt_us > 0 && info.snd_mss && info.snd_cwnd) {
        out += " send " + rate_text(double(info.snd_cwnd) * info.snd_mss * 8000000.0 / rtt_us, numeric) + "bps";
    }
    if (info.last_send_ms) append_format(out, " lastsnd:%u", info.last_send_ms);
    if (info.last_receive_ms) append_format(out, " lastrcv:%u", info.last_receive_ms);
    if (info.last_ack_ms) append_format(out, " lastack:%u", info.last_ack_ms);
    if (info.pacing_rate_bps && info.pacing_rate_bps != kNoRate) {
        out += " pacing_rate " + rate_text(info.pacing_rate_bps * 8.0, numeric) + "bps";
        if (info.max_pacing_rate_bps && info.max_pacing_rate_bps != kNoRate) {
            out += "/" + rate_text(info.max_pacing_rate_bps * 8.0, numeric) + "bps";
        }
    }
    if (info.delivery_rate_bps) out += " delivery_rate " + rate_text(info.delivery_rate_bps * 8.0, numeric) + "bps";
    if (info.delivered) append_format(out, " delivered:%u", info.delivered);
    if (info.delivered_ce) append_format(out, " delivered_ce:%u", info.delivered_ce);
    if (info.delivery_rate_app_limited) out += " app_limited";
}

void append_limits(std::string& out, const TcpInfo& info) {
    if (!info.busy_time_us) return;
    const auto busy = static_cast<unsigned long long>(info.busy_time_us);
    append_format(out, " busy:%llums", busy / 1000);
    auto limited = [&](const char* name, uint64_t us) {
        if (us) append_format(out, " %s:%llums(%.1f%%)", name, static_cast<unsigned long long>(us / 1000), 100.0 * us / busy);
    };
    limited("rwnd_limited", info.rwnd_limited_us);
    limited("sndbuf_limited", info.sndbuf_limited_us);
}

void append_losses_and_receiver(std::string& out, const TcpInfo& info, TcpState state) {
    if (info.unacked) append_format(out, " unacked:%u", info.unacked);
    if (info.retrans || info.total_retrans) append_format(out, " retrans:%u/%u", info.retrans, info.total_retrans);
    if (info.lost) append_format(out, " lost:%u", info.lost);
    // A listener's tcpi_sacked is its backlog limit, not SACKed segments.
    if (info.sacked && state != TcpState::listen) append_format(out, " sacked:%u", info.sacked);
    if (info.dsack_dups) append_format(out, " dsack_dups:%u", info.dsack_dups);
    if (info.fackets) append_format(out, " fackets:%u", info.fackets);
    if (info.reordering != 3) append_format(out, " reordering:%u", info.reordering);
    if (info.reord_seen) append_format(out, " reord_seen:%u", info.reord_seen);
    if (info.rcv_rtt_us) append_format(out, " rcv_rtt:%g", ms(info.rcv_rtt_us));
    if (info.rcv_space) append_format(out, " rcv_space:%u", info.rcv_space);
    if (info.rcv_ssthresh) append_format(out, " rcv_ssthresh:%u", info.rcv_ssthresh);
    if (info.notsent_bytes) append_format(out, " notsent:%u", info.notsent_bytes);
    if (info.min_rtt_us && info.min_rtt_us != ~0U) append_format(out, " minrtt:%g", ms(info.min_rtt_us));
    if (info.rcv_ooopack) append_format(out, " rcv_ooopack:%u", info.rcv_ooopack);
    if (info.snd_wnd) append_format(out, " snd_wnd:%u", info.snd_wnd);
}

}  // namespace

std::string rate_text(double bps, bool numeric) {
    char text[64];
    if (numeric) {
        std::snprintf(text, sizeof(text), "%.0f", bps);
    } else if (bps >= 1e12) {
        std::snprintf(text, sizeof(text), "%.3gT", bps / 1e12);
    } else if (bps >= 1e9) {
        std::snprintf(text, sizeof(text), "%.3gG", bps / 1e9);
    } else if (bps >= 1e6) {
        std::snprintf(text, sizeof(text), "%.3gM", bps / 1e6);
    } else if (bps >= 1e3) {
        std::snprintf(text, sizeof(text), "%.3gk", bps / 1e3);
    } else {
        std::snprintf(text, sizeof(text), "%g", bps);
    }
    return text;
}

void append_tcp_info_text(std::string& out, const TcpInfo& info, TcpState state, const TcpInfoTextOptions& options) {
    if (options.tcp_options) append_options(out, info);
    append_windows_and_times(out, info);
    append_counters(out, info);
    append_bbr(out, info, options.numeric);
    append_rates(out, info, options.numeric);
    append_limits(out, info);
    append_losses_and_receiver(out, info, state);
}

}  // namespace netlens::sockets
