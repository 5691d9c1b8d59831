// SPDX-License-Identifier: MIT
#pragma once
// Command-line parsing for baton-cli: each command declares its options, so an unknown or
// malformed option is a usage error (exit 2) that names it.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace baton::cli {

/// RunStopped: a run ended before every job finished (budget or call cap, cancel) or every job
/// failed; scripts must not take its figures for a finished run's.
enum ExitCode { Ok = 0, BadInput = 1, Usage = 2, Internal = 3, RunStopped = 4 };

struct OptionSpec {
    std::string name; ///< "--db"
    bool takesValue = false;
    bool repeatable = false;
};

struct ParsedArgs {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> values;
    std::set<std::string> flags;

    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
    std::optional<std::string> value(const std::string& option) const;
    std::vector<std::string> all(const std::string& option) const;
};

/// Parses args against `specs` (plus --help and --json, always accepted).
/// On error returns nullopt and sets `error` to a one-line message.
std::optional<ParsedArgs> parseArgs(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs,
                                    std::string& error);

} // namespace baton::cli
