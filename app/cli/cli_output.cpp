// SPDX-License-Identifier: MIT
#include "cli_output.h"

#include "util/printable.h"

#include <iostream>

namespace baton::cli {

int exitCodeFor(const core::Error& error) {
    switch (error.kind) {
    case core::ErrorKind::BadInput:
    case core::ErrorKind::NotFound:
    case core::ErrorKind::Io:
        return BadInput;
    case core::ErrorKind::Internal:
        return Internal;
    }
    return Internal;
}

nlohmann::json diagnosticsJson(const std::vector<core::Diagnostic>& diagnostics) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : diagnostics)
        out.push_back({{"severity", d.severity == core::Severity::Error ? "error" : "warning"},
                       {"file", d.file},
                       {"location", d.location},
                       {"message", d.message}});
    return out;
}

int reportError(const core::Error& error, bool json) {
    std::cerr << "baton-cli: error: " << core::printable(error.describe(), true) << "\n";
    if (json) printJson({{"ok", false}, {"error", error.message}, {"problems", diagnosticsJson(error.problems)}});
    return exitCodeFor(error);
}

int usageError(const std::string& message, const std::string& helpCommand) {
    std::cerr << "baton-cli: " << core::printable(message, true) << "\nTry `baton-cli " << helpCommand << " --help`.\n";
    return Usage;
}

void printWarnings(const std::vector<core::Diagnostic>& warnings) {
    for (const auto& w : warnings)
        std::cerr << core::printable(w.toString(), true) << "\n";
}

void printJson(const nlohmann::json& value) {
    // Text that is not UTF-8 is replaced (U+FFFD) rather than thrown on.
    std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

} // namespace baton::cli
