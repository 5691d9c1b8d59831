// SPDX-License-Identifier: MIT
#pragma once
// How baton-cli reports results and errors: text for people, --json for tools; errors go to
// stderr (and, with --json, as an object on stdout) with an exit code from the error's kind.

#include "cli_args.h"
#include "util/result.h"

#include <nlohmann/json.hpp>
#include <string>

namespace baton::cli {

int exitCodeFor(const core::Error& error);
/// Prints the error and returns its exit code.
int reportError(const core::Error& error, bool json);
int usageError(const std::string& message, const std::string& helpCommand);
void printWarnings(const std::vector<core::Diagnostic>& warnings);
nlohmann::json diagnosticsJson(const std::vector<core::Diagnostic>& diagnostics);
void printJson(const nlohmann::json& value);

} // namespace baton::cli
