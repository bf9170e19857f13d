// What the capture writer and generator tests share: a scratch file, libpcap's reading
// of a file (the independent oracle for pcap and single-link pcapng), and tshark's
// output for what libpcap cannot read (several link types) or does not decode.
#pragma once

#include <pcap/pcap.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace netlens::packet::testing {

class ScratchFile {
public:
    explicit ScratchFile(const std::string& suffix) {
        std::string pattern = (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + std::string("/netlens-capXXXXXX");
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        int fd = mkstemp(name.data());
        if (fd >= 0) close(fd);
        base_ = name.data();
        path_ = base_ + suffix;
    }
    ~ScratchFile() {
        std::remove(path_.c_str());
        std::remove(base_.c_str());
    }
    const std::string& path() const { return path_; }

private:
    std::string base_;
    std::string path_;
};

struct ReadPacket {
    std::uint64_t timestamp;  // in the precision asked for
    std::uint32_t captured;
    std::uint32_t original;
    std::vector<unsigned char> bytes;
};

struct PcapRead {
    std::string open_error;  // empty when libpcap opened the file
    int link_type = -1;
    int end_status = 0;      // pcap_next_ex's last return: -2 at a clean end, -1 on damage
    std::string end_error;
    std::vector<ReadPacket> packets;
};

inline PcapRead read_with_libpcap(const std::string& path, bool nanoseconds) {
    PcapRead read;
    std::array<char, PCAP_ERRBUF_SIZE> error{};
    pcap_t* pcap = pcap_open_offline_with_tstamp_precision(
        path.c_str(), nanoseconds ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, error.data());
    if (pcap == nullptr) {
        read.open_error = error.data();
        return read;
    }
    read.link_type = pcap_datalink(pcap);
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int status;
    while ((status = pcap_next_ex(pcap, &header, &data)) == 1) {
        std::uint64_t scale = nanoseconds ? 1'000'000'000 : 1'000'000;
        read.packets.push_back({static_cast<std::uint64_t>(header->ts.tv_sec) * scale +
                                    static_cast<std::uint64_t>(header->ts.tv_usec),
                                header->caplen, header->len, std::vector<unsigned char>(data, data + header->caplen)});
    }
    read.end_status = status;
    if (status == -1) read.end_error = pcap_geterr(pcap);
    pcap_close(pcap);
    return read;
}

inline bool have_tshark() { return std::system("tshark -v >/dev/null 2>&1") == 0; }

// The standard output of a shell command.
inline std::string command_output(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    std::array<char, 4096> buffer;
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    pclose(pipe);
    return out;
}

}  // namespace netlens::packet::testing
