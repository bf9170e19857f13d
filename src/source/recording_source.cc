#include "source/recording_source.h"

#include "source/recording_transport.h"

namespace netlens::source {

RecordingSource::RecordingSource(std::unique_ptr<Source> inner, std::shared_ptr<Recorder> recorder)
    : Source(inner->netns()), inner_(std::move(inner)), recorder_(std::move(recorder)) {}

Result<std::unique_ptr<netlink::Transport>> RecordingSource::open_netlink(int bus) {
    auto transport = inner_->open_netlink(bus);
    if (!transport) return transport.error();
    return std::unique_ptr<netlink::Transport>(
        std::make_unique<RecordingTransport>(std::move(*transport), netns(), recorder_));
}

Result<proc::FileText> RecordingSource::read_file(const std::string& path) {
    auto read = inner_->read_file(path);
    if (!read) return read;
    Entry entry = file_question(netns(), path);
    entry.err = read->err;
    if (read->err == 0) entry.answer.push_back(read->text);
    recorder_->add(entry);
    return read;
}

Result<int> RecordingSource::ethtool(const std::string& device, std::span<std::byte> buffer) {
    // The question is the buffer as it goes in; the ioctl overwrites it.
    Entry entry = ethtool_question(netns(), device, buffer);
    auto err = inner_->ethtool(device, buffer);
    if (!err) return err;
    entry.err = *err;
    if (*err == 0) entry.answer.emplace_back(reinterpret_cast<const char*>(buffer.data()), buffer.size());
    recorder_->add(entry);
    return err;
}

}  // namespace netlens::source
