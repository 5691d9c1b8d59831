// SPDX-License-Identifier: MIT
#pragma once
/// Money as every page, report and command writes it, known or not: formatUsd's digits, or
/// "unknown" for a cost nobody knows (never "$0": an unknown cost is not a free one). Never fails.

#include "model/money.h"

#include <optional>
#include <string>

namespace baton::core {

/// formatUsd(*amount), or "unknown" when there is no amount.
std::string formatUsd(const std::optional<Money>& amount);

/// A figure in dollars (a mean, a cost per item): formatUsd's digits; NaN or infinite (no
/// figure) reads "unknown".
std::string formatUsdFigure(double usd);

} // namespace baton::core
