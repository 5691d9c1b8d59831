// SPDX-License-Identifier: MIT
#pragma once
/// Diagnostic: one problem found in an input file, located by JSON path or line number.

#include <string>
#include <vector>

namespace baton::core {

enum class Severity { Warning, Error };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;     ///< file name as the user gave it
    std::string location; ///< JSON pointer ("/models/2/price/output") or "line 17"
    std::string message;

    /// "pool.json: /models/2/price/output: expected a number, got \"abc\"".
    std::string toString() const;
};

bool hasErrors(const std::vector<Diagnostic>& diagnostics);
std::vector<Diagnostic> onlyWarnings(const std::vector<Diagnostic>& diagnostics);

} // namespace baton::core
