// Rows of a constexpr table picked by name at compile time. The finding catalogue and
// the table of skipped checks are read this way, so code that names a finding or a
// check that is not in its table does not build ("call to non-constexpr function
// name_not_in_table").
#pragma once

#include <string_view>
#include <type_traits>

namespace netlens {

// Never defined: only reached while compiling a lookup that failed.
void name_not_in_table();

// The row of `Table` whose member `Name` equals `name`, or nullptr.
template <auto& Table, auto Name>
constexpr auto find_row(std::string_view name) -> std::remove_reference_t<decltype(Table[0])>* {
    for (const auto& row : Table) {
        if (row.*Name == name) return &row;
    }
    return nullptr;
}

// A name known at compile time to be in `Table`; implicit from a string literal so
// call sites read `make_finding("link.no_carrier", ...)`.
template <auto& Table, auto Name>
class NamedRow {
public:
    using Row = std::remove_cvref_t<decltype(Table[0])>;

    consteval NamedRow(const char* name) : row_(find_row<Table, Name>(name)) {  // NOLINT: implicit on purpose
        if (row_ == nullptr) name_not_in_table();
    }

    const Row& entry() const { return *row_; }

private:
    const Row* row_;
};

}  // namespace netlens
