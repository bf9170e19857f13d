// Reading a whole /proc or /proc/sys file. Their stat size is 0 and seq_file hands the
// text out in pieces, so the file is read until end of file into a growing string
// rather than into a buffer sized in advance.
#pragma once

#include <string>

namespace netlens::proc {

// The file's text, or the errno that refused it (ENOENT: an absent sysctl; EACCES).
// Kept as an errno rather than a message so a recording can store the kernel's answer.
struct FileText {
    std::string text;
    int err = 0;
};

// A path ending in "/" is a directory: its text is the names of its entries (not "."
// or ".."), one a line, in name order. Configuration directories (rt_tables.d/) are
// listed this way so a recording holds the listing like any file.
FileText read_file_text(const std::string& path);

}  // namespace netlens::proc
