// Compiling the expression tree to inet_diag bytecode.
//
// The kernel runs a program as a list of ops {code, yes, no}; after each op it skips
// forward `yes` bytes when the test passed and `no` bytes when it failed (JMP always
// fails, so it always takes `no`). The socket is kept when execution lands exactly on
// the end of the program and dropped when it lands past it. So every compiled block
// keeps one invariant: it exits to its own end on success and to end + 4 on failure,
// and every `yes` just steps to the next op. Composition then needs only:
//   and:  A B          A's failure exits are pushed out past B;
//   or:   A JMP B      A fails into B (A's end + 4); A's success hits the JMP, which
//                      jumps over B to the end;
//   not:  A JMP        A's success hits the JMP, which jumps to end + 4 (failure);
//                      A's failure lands on the block's end (success).
// Because every `yes` steps to the next op, each op boundary is on the chain of `yes`
// jumps from the start, which is what the kernel's audit (valid_cc) demands of every
// `no` target inside the program.
#include "sockets/filter/bytecode.h"

#include <arpa/inet.h>
#include <linux/inet_diag.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <numeric>

namespace netlens::sockets {
namespace {

// nla_len is 16 bits and includes the 4-byte attribute header; keeping the program
// under that also keeps every `no` offset (at most the program length + 4) in 16 bits.
constexpr size_t kMaxProgram = 0xFFFF - 4;
constexpr size_t kOpSize = sizeof(inet_diag_bc_op);

struct Block {
    std::vector<uint8_t> bytes;
    std::vector<size_t> ops;  // offset of every op, for patching `no`
};

void put_op(Block& block, uint8_t code, size_t yes, size_t no) {
    const inet_diag_bc_op op{code, static_cast<unsigned char>(yes), static_cast<unsigned short>(no)};
    const size_t at = block.bytes.size();
    block.ops.push_back(at);
    block.bytes.resize(at + kOpSize);
    std::memcpy(block.bytes.data() + at, &op, kOpSize);
}

template <typename T>
void put_raw(Block& block, const T& value, size_t size = sizeof(T)) {
    const size_t at = block.bytes.size();
    block.bytes.resize(at + size);
    std::memcpy(block.bytes.data() + at, &value, size);
}

// Port tests carry the port in the `no` field of a second, otherwise empty op (16 bits:
// ss truncates larger ports the same way).
Block port_test(uint8_t code, int32_t port) {
    Block block;
    put_op(block, code, 2 * kOpSize, 2 * kOpSize + 4);
    const inet_diag_bc_op value{0, 0, static_cast<unsigned short>(port)};
    put_raw(block, value);
    return block;
}

// The first address only, as ss sends it even when a host name gave several; the
// user-space check then holds the rest.
Block host_test(Side side, const HostPattern& pattern) {
    inet_diag_hostcond cond{};
    cond.family = static_cast<uint8_t>(pattern.family);
    cond.prefix_len = pattern.prefix_len;
    cond.port = pattern.port;
    const size_t address_size = pattern.family == AF_INET6 ? 16 : pattern.family == AF_INET ? 4 : 0;
    const size_t size = kOpSize + sizeof(cond) + address_size;
    Block block;
    put_op(block, side == Side::local ? INET_DIAG_BC_S_COND : INET_DIAG_BC_D_COND, size, size + 4);
    put_raw(block, cond);
    std::array<uint8_t, 16> address{};
    if (!pattern.addresses.empty()) {
        std::copy_n(pattern.addresses.front().bytes.begin(), std::min<size_t>(16, pattern.addresses.front().size()),
                    address.begin());
    }
    if (address_size > 0) put_raw(block, address, address_size);
    return block;
}

Block mark_test(uint32_t mark, uint32_t mask) {
    Block block;
    put_op(block, INET_DIAG_BC_MARK_COND, kOpSize + sizeof(inet_diag_markcond), kOpSize + sizeof(inet_diag_markcond) + 4);
    put_raw(block, inet_diag_markcond{mark, mask});
    return block;
}

Block cgroup_test(uint64_t id) {
    Block block;
    put_op(block, INET_DIAG_BC_CGROUP_COND, kOpSize + sizeof(id), kOpSize + sizeof(id) + 4);
    put_raw(block, id);
    return block;
}

Block autobound_test() {
    Block block;
    put_op(block, INET_DIAG_BC_AUTO, kOpSize, kOpSize + 4);
    return block;
}

void append(Block& to, const Block& from) {
    const size_t base = to.bytes.size();
    to.bytes.insert(to.bytes.end(), from.bytes.begin(), from.bytes.end());
    for (size_t op : from.ops) to.ops.push_back(base + op);
}

// Moves every failure exit (a `no` landing on end + 4) further out by `extra` bytes.
void push_failures_out(Block& block, size_t extra) {
    const size_t failure = block.bytes.size() + 4;
    for (size_t at : block.ops) {
        inet_diag_bc_op op;
        std::memcpy(&op, block.bytes.data() + at, kOpSize);
        if (at + op.no != failure) continue;
        op.no = static_cast<unsigned short>(op.no + extra);  // fits: total size is checked
        std::memcpy(block.bytes.data() + at, &op, kOpSize);
    }
}

Block negate(Block block) {
    put_op(block, INET_DIAG_BC_JMP, kOpSize, 2 * kOpSize);
    return block;
}

// A leaf as ss compiles it; nullopt for the terms ss leaves to user space (dev, and
// UNIX globs, which the kernel would reject), and then ss sends no program at all.
std::optional<Block> leaf(const FilterNode& node) {
    const bool local = node.side == Side::local;
    switch (node.kind) {
        case FilterNode::Kind::host:
            if (node.host.family == AF_UNIX) return std::nullopt;
            return host_test(node.side, node.host);
        case FilterNode::Kind::port_ge: return port_test(local ? INET_DIAG_BC_S_GE : INET_DIAG_BC_D_GE, node.host.port);
        case FilterNode::Kind::port_le: return port_test(local ? INET_DIAG_BC_S_LE : INET_DIAG_BC_D_LE, node.host.port);
        case FilterNode::Kind::mark: return mark_test(static_cast<uint32_t>(node.number), node.mask);
        case FilterNode::Kind::cgroup: return cgroup_test(node.number);
        case FilterNode::Kind::autobound: return autobound_test();
        default: return std::nullopt;
    }
}

bool is_list(const FilterNode& node) {
    return node.kind == FilterNode::Kind::all_of || node.kind == FilterNode::Kind::any_of ||
           node.kind == FilterNode::Kind::negate;
}

// The program for `node`; nullopt when some term cannot be compiled. `too_large` is
// set, and compiling stops, when the program would not fit the attribute.
std::optional<Block> compile(const FilterNode& node, bool& too_large) {
    if (!is_list(node)) return leaf(node);
    if (node.children.empty()) return std::nullopt;  // only a hand-built tree can be empty

    std::vector<Block> parts;
    size_t total = 0;
    for (const auto& child : node.children) {
        auto part = compile(child, too_large);
        if (!part) return std::nullopt;
        total += part->bytes.size() + kOpSize;  // with room for a JMP after each
        if (total > kMaxProgram) {
            too_large = true;
            return std::nullopt;
        }
        parts.push_back(std::move(*part));
    }
    if (node.kind == FilterNode::Kind::negate) return negate(std::move(parts.front()));

    Block block;
    size_t after = std::accumulate(parts.begin(), parts.end(), size_t{0},
                                   [](size_t sum, const Block& part) { return sum + part.bytes.size(); });
    const bool any = node.kind == FilterNode::Kind::any_of;
    if (any) after += kOpSize * (parts.size() - 1);
    for (size_t i = 0; i < parts.size(); ++i) {
        after -= parts[i].bytes.size();
        if (!any) push_failures_out(parts[i], after);
        append(block, parts[i]);
        if (any && i + 1 < parts.size()) {
            after -= kOpSize;
            put_op(block, INET_DIAG_BC_JMP, kOpSize, kOpSize + after);
        }
    }
    return block;
}

struct Compiled {
    std::optional<std::vector<uint8_t>> program;
    bool too_large = false;
};

Compiled compile_filter(const Filter& filter) {
    Compiled compiled;
    if (!filter.expression) return compiled;
    auto block = compile(*filter.expression, compiled.too_large);
    if (block && block->bytes.size() > kMaxProgram) compiled.too_large = true;
    if (block && !compiled.too_large) compiled.program = std::move(block->bytes);
    return compiled;
}

}  // namespace

std::optional<std::vector<uint8_t>> compile_inet_bytecode(const Filter& filter) {
    return compile_filter(filter).program;
}

std::optional<Error> check_kernel_program(const Filter& filter) {
    if (!compile_filter(filter).too_large) return std::nullopt;
    return Error{ExitCode::usage, "the filter is too long for the kernel's socket filter (at most " +
                                      std::to_string(kMaxProgram) + " bytes of bytecode)"};
}

}  // namespace netlens::sockets
