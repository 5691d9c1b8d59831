// SPDX-License-Identifier: MIT
#pragma once
// Chart builders over plain core results (the caller owns each new chart): accuracy per
// category, cost per item stacked by call role, and the latency distribution.

#include "eval/run_breakdown.h"
#include "eval/run_report.h"

class QChart;
class QString;

namespace baton::ui {

/// One bar set per strategy, one group per category; accuracy 0..1.
QChart* buildCategoryAccuracyChart(const core::RunReport& report);
/// The items of one strategy, most expensive first, each bar stacked by role (known costs).
QChart* buildCostByRoleChart(const std::vector<core::ItemCost>& items, const QString& strategy);
/// Items per latency bin (log-spaced), one line per strategy.
QChart* buildLatencyChart(const std::vector<core::Outcome>& outcomes, const std::vector<std::string>& strategies);

} // namespace baton::ui
