// SPDX-License-Identifier: MIT
#pragma once
/// A number with a fixed count of decimals, in the C locale's notation ("%.*f"): how reports,
/// charts and CSV exports print figures.

#include <cstdio>
#include <string>

namespace baton::core {

inline std::string fixedText(double value, int decimals) {
    char text[400]; // "%.*f" of DBL_MAX alone takes 309 digits
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

} // namespace baton::core
