// SPDX-License-Identifier: MIT
#pragma once
// Chart builders over plain core results (the caller owns each new chart): accuracy per
// category, cost per item stacked by call role, the latency distribution, and what each call of
// the run cost.

#include "eval/call_cost_histogram.h"
#include "eval/run_breakdown.h"
#include "eval/run_report.h"

class QChart;
class QString;

namespace baton::ui {

/// One bar set per strategy, one group per category; accuracy 0..1.
QChart* buildCategoryAccuracyChart(const core::RunReport& report);
/// The items of one strategy, most expensive first, each bar stacked by role (known costs); beyond
/// kCostByRoleBars items each bar is the mean of a group of consecutive ranks (core::groupByRank),
/// as the title and the axis say.
QChart* buildCostByRoleChart(const std::vector<core::ItemCost>& items, const QString& strategy);
/// A group's bar on hover: its ranks, `role`'s mean and the mean total, and how many calls of
/// unknown cost its means leave out (never counted as $0).
QString costGroupText(const core::ItemCostGroup& g, const QString& role, double roleUsd);
constexpr size_t kCostByRoleBars = 500;
/// Items per latency bin (log-spaced), one line per strategy, from the figures folded beforehand
/// (core::latencyHistograms, off the GUI thread).
QChart* buildLatencyChart(const core::LatencyHistograms& latencies);
/// The bins the latency chart uses.
constexpr int kLatencyChartBins = 24;

/// Calls per cost bin (log-spaced, round edges), stacked by role, for one strategy of the run or
/// (empty `strategy`) the whole run. Calls that have no place on a cost axis (unknown cost, answered
/// from the cache, $0) are not drawn; the title says how many there are (callCostNote).
QChart* buildCallCostChart(const core::RunCallCosts& costs, const std::string& strategy, int64_t runId);
/// What is not drawn on that chart, in words ("3 calls of unknown cost; ..."); empty when nothing.
QString callCostNote(const core::CallCostHistogram& h);
/// The label of a cost bin: "$0.0002–0.0005" (on hover), and of its lower edge: "$0.0002" (on the axis).
QString costBinLabel(double low, double high);
QString costEdgeLabel(double usd);

} // namespace baton::ui
