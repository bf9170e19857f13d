// Errors and exit codes shared by every command. Recoverable failures travel as
// Result<T>; exceptions are kept for fatal setup problems and caught once in main.
// The exit-code table here is the one the README documents.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace netlens {

enum class ExitCode : int {
    ok = 0,          // the command ran; findings, if any, are in the output
    failure = 1,     // the operation failed (kernel refused, file unreadable, no route)
    usage = 2,       // bad flag, bad value or bad address on the command line
    partial = 3,     // results were printed up to damaged or missing input
    permission = 4,  // nothing could be done without a privilege we lack
};

struct Error {
    ExitCode code = ExitCode::failure;
    std::string message;  // says what and where: "route get 10.9.9.9: network is unreachable"
};

// A value or an error, never both. Small on purpose: std::expected is C++23.
template <typename T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<T>(state_); }
    const T& value() const { return std::get<T>(state_); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

// Thrown only for fatal errors that end the command; main() turns it into a message
// and the exit code it carries.
class FatalError : public std::runtime_error {
public:
    FatalError(ExitCode code, const std::string& message)
        : std::runtime_error(message), code_(code) {}
    explicit FatalError(Error error) : FatalError(error.code, error.message) {}
    ExitCode code() const { return code_; }

private:
    ExitCode code_;
};

// "Operation not permitted" style text for an errno value.
std::string errno_text(int err);

}  // namespace netlens
