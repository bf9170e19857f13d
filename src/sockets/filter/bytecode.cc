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

// Port tests carry the port in the `no` field of a second, otherwise empty op.
Block port_test(uint8_t code, uint16_t port) {
    Block block;
    put_op(block, code, 2 * kOpSize, 2 * kOpSize + 4);
    const inet_diag_bc_op value{0, 0, port};
    put_raw(block, value);
    return block;
}

Block host_test(Side side, const HostPattern& pattern) {
    inet_diag_hostcond cond{};
    cond.family = pattern.address ? static_cast<uint8_t>(pattern.address->family) : AF_UNSPEC;
    cond.prefix_len = pattern.address ? pattern.prefix_len : 0;
    cond.port = pattern.port ? *pattern.port : -1;
    const size_t address_size = pattern.address ? pattern.address->size() : 0;
    const size_t size = kOpSize + sizeof(cond) + address_size;
    Block block;
    put_op(block, side == Side::local ? INET_DIAG_BC_S_COND : INET_DIAG_BC_D_COND, size, size + 4);
    put_raw(block, cond);
    if (pattern.address) put_raw(block, pattern.address->bytes, address_size);
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

Block port_node(const FilterNode& node) {
    const bool local = node.side == Side::local;
    const uint8_t eq = local ? INET_DIAG_BC_S_EQ : INET_DIAG_BC_D_EQ;
    const uint8_t ge = local ? INET_DIAG_BC_S_GE : INET_DIAG_BC_D_GE;
    const uint8_t le = local ? INET_DIAG_BC_S_LE : INET_DIAG_BC_D_LE;
    switch (node.compare) {
        case Compare::eq: return port_test(eq, node.port);
        case Compare::ne: return negate(port_test(eq, node.port));
        case Compare::ge: return port_test(ge, node.port);
        case Compare::le: return port_test(le, node.port);
        case Compare::lt: return negate(port_test(ge, node.port));
        case Compare::gt: return negate(port_test(le, node.port));
    }
    return port_test(eq, node.port);
}

std::optional<Block> compile(const FilterNode& node) {
    if (node.kind == FilterNode::Kind::port) return port_node(node);
    if (node.kind == FilterNode::Kind::host) return host_test(node.side, node.host);
    if (node.children.empty()) return std::nullopt;  // only a hand-built tree can be empty

    std::vector<Block> parts;
    size_t total = 0;
    for (const auto& child : node.children) {
        auto part = compile(child);
        if (!part) return std::nullopt;
        total += part->bytes.size() + kOpSize;  // with room for a JMP after each
        if (total > kMaxProgram) return std::nullopt;
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

}  // namespace

std::optional<std::vector<uint8_t>> compile_inet_bytecode(const Filter& filter) {
    if (!filter.expression) return std::nullopt;
    auto block = compile(*filter.expression);
    if (!block || block->bytes.size() > kMaxProgram) return std::nullopt;
    return std::move(block->bytes);
}

}  // namespace netlens::sockets
