#include "cli_output.h"

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
    std::cerr << "baton-cli: error: " << error.describe() << "\n";
    if (json) printJson({{"ok", false}, {"error", error.message}, {"problems", diagnosticsJson(error.problems)}});
    return exitCodeFor(error);
}

int usageError(const std::string& message, const std::string& helpCommand) {
    std::cerr << "baton-cli: " << message << "\nTry `baton-cli " << helpCommand << " --help`.\n";
    return Usage;
}

void printWarnings(const std::vector<core::Diagnostic>& warnings) {
    for (const auto& w : warnings)
        std::cerr << w.toString() << "\n";
}

void printJson(const nlohmann::json& value) {
    std::cout << value.dump(2) << "\n";
}

} // namespace baton::cli
