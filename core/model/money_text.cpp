// SPDX-License-Identifier: MIT
#include "model/money_text.h"

#include <cmath>

namespace baton::core {

std::string formatUsd(const std::optional<Money>& amount) {
    return amount ? formatUsd(*amount) : "unknown";
}

std::string formatUsdFigure(double usd) {
    return std::isfinite(usd) ? formatUsd(Money::fromUsd(usd)) : "unknown";
}

} // namespace baton::core
