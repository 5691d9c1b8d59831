// SPDX-License-Identifier: MIT
#include "util/diagnostic.h"
#include "util/result.h"

#include <algorithm>

namespace baton::core {

std::string Diagnostic::toString() const {
    std::string out = file;
    if (!location.empty()) out += (out.empty() ? "" : ": ") + location;
    out += (out.empty() ? "" : ": ");
    if (severity == Severity::Warning) out += "warning: ";
    return out + message;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::vector<Diagnostic> onlyWarnings(const std::vector<Diagnostic>& diagnostics) {
    std::vector<Diagnostic> out;
    std::copy_if(diagnostics.begin(), diagnostics.end(), std::back_inserter(out),
                 [](const Diagnostic& d) { return d.severity == Severity::Warning; });
    return out;
}

std::string Error::describe() const {
    std::string out = message;
    for (const auto& p : problems)
        out += "\n  " + p.toString();
    return out;
}

} // namespace baton::core
