// SPDX-License-Identifier: MIT
#pragma once
/// Result<T>: the value of a core operation, or an Error that says what, where and what to do.
/// Core code never throws across its public API; it returns Result.

#include "util/diagnostic.h"

#include <expected>
#include <string>
#include <vector>

namespace baton::core {

/// Broad classes of failure; the CLI maps them to exit codes (BadInput -> 1, Internal -> 3).
enum class ErrorKind { BadInput, NotFound, Io, Internal };

struct Error {
    ErrorKind kind = ErrorKind::Internal;
    std::string message;              ///< one line: what went wrong, where, what to do
    std::vector<Diagnostic> problems; ///< every problem found, when there are several

    /// The message followed by one line per problem.
    std::string describe() const;
};

template <class T> using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string message, std::vector<Diagnostic> problems = {}) {
    return std::unexpected(Error{kind, std::move(message), std::move(problems)});
}

} // namespace baton::core
