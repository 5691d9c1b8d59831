// SPDX-License-Identifier: MIT
#include "model/money.h"

#include <cstdio>

namespace baton::core {

std::string formatUsd(Money amount) {
    char buffer[64];
    double usd = amount.usd();
    double magnitude = std::fabs(usd);
    int decimals = magnitude >= 100 ? 2 : magnitude >= 1 ? 4 : 6;
    std::snprintf(buffer, sizeof buffer, "$%.*f", decimals, usd);
    if (amount.pico == Money::kMax) return std::string("more than ") + buffer;
    if (amount.pico == Money::kMin) return std::string("less than ") + buffer;
    return buffer;
}

} // namespace baton::core
