// SPDX-License-Identifier: MIT
#pragma once
// The one parser for numbers on baton-cli's command line: plain decimal text only (no hex,
// inf, nan, spaces or trailing junk) and a stated range, so "--concurrency 0", "--max-cost 0x10"
// and "--resume abc" are usage errors (exit 2) that say what is accepted.

#include "cli_args.h"

#include <cstdint>
#include <optional>
#include <string>

namespace baton::cli {

/// `text` as a whole number in [min, max]; on failure nullopt and `error` says why
/// (the first failure is kept when several options are read in a row).
std::optional<int64_t> parseWhole(const std::string& text, const std::string& what, int64_t min, int64_t max,
                                  std::string& error);
/// `text` as a finite decimal number in [min, max]; same contract.
std::optional<double> parseDecimal(const std::string& text, const std::string& what, double min, double max,
                                   std::string& error);

/// `text` as a calendar date YYYY-MM-DD from 1970 to 9999 (2026-02-30 and 2026-13-01 had passed a
/// pattern check and were stored as price dates); same contract.
std::optional<std::string> parseDate(const std::string& text, const std::string& what, std::string& error);

/// The option's value parsed as above; nullopt when the option is absent or bad.
std::optional<int64_t> wholeOption(const ParsedArgs& args, const std::string& option, int64_t min, int64_t max,
                                   std::string& error);
std::optional<double> decimalOption(const ParsedArgs& args, const std::string& option, double min, double max,
                                    std::string& error);

} // namespace baton::cli
