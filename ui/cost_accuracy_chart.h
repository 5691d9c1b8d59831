// SPDX-License-Identifier: MIT
#pragma once
// Builds the cost-vs-accuracy chart of a run: baselines and strategies as points, and the
// cost-quality frontier the report computed (its non-decreasing convex hull).

#include "eval/run_report.h"

class QChart;

namespace baton::ui {

/// A new chart (the caller owns it) for the report; costs in USD per item on a log axis.
QChart* buildCostAccuracyChart(const core::RunReport& report);

} // namespace baton::ui
