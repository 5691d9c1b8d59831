// SPDX-License-Identifier: MIT
#include "cli_numbers.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <sstream>

namespace baton::cli {
namespace {

std::string formatBound(double v) {
    std::ostringstream out;
    out.precision(15);
    out << v;
    return out.str();
}

bool setError(std::string& error, std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
}

} // namespace

std::optional<int64_t> parseWhole(const std::string& text, const std::string& what, int64_t min, int64_t max,
                                  std::string& error) {
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 10);
    bool whole = !text.empty() && ec == std::errc() && end == text.data() + text.size();
    if (!whole || value < min || value > max) {
        setError(error, what + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                            ", got \"" + text + "\"");
        return std::nullopt;
    }
    return value;
}

std::optional<double> parseDecimal(const std::string& text, const std::string& what, double min, double max,
                                   std::string& error) {
    // from_chars alone would take "inf" and "nan"; hex needs a flag it is not given.
    bool plain = !text.empty() && text.find_first_not_of("0123456789.eE+-") == std::string::npos;
    double value = 0;
    const char* begin = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value, std::chars_format::general);
    bool ok = plain && ec == std::errc() && end == text.data() + text.size() && std::isfinite(value);
    if (!ok || !(value >= min && value <= max)) {
        setError(error, what + " must be a number from " + formatBound(min) + " to " + formatBound(max) + ", got \"" +
                            text + "\"");
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> parseDate(const std::string& text, const std::string& what, std::string& error) {
    bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                  std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
    std::string ignored;
    auto y = shaped ? parseWhole(text.substr(0, 4), "", 1970, 9999, ignored) : std::nullopt;
    auto m = shaped ? parseWhole(text.substr(5, 2), "", 1, 12, ignored) : std::nullopt;
    auto d = shaped ? parseWhole(text.substr(8, 2), "", 1, 31, ignored) : std::nullopt;
    if (!y || !m || !d ||
        !std::chrono::year_month_day(std::chrono::year(int(*y)), std::chrono::month(unsigned(*m)),
                                     std::chrono::day(unsigned(*d)))
             .ok()) {
        setError(error, what + " must be a date YYYY-MM-DD from 1970 to 9999 that exists on the calendar, got \"" +
                            text + "\"");
        return std::nullopt;
    }
    return text;
}

std::optional<int64_t> wholeOption(const ParsedArgs& args, const std::string& option, int64_t min, int64_t max,
                                   std::string& error) {
    auto text = args.value(option);
    return text ? parseWhole(*text, option, min, max, error) : std::nullopt;
}

std::optional<double> decimalOption(const ParsedArgs& args, const std::string& option, double min, double max,
                                    std::string& error) {
    auto text = args.value(option);
    return text ? parseDecimal(*text, option, min, max, error) : std::nullopt;
}

} // namespace baton::cli
