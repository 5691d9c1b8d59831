#pragma once
// Builds the cost-vs-accuracy chart of a run: baselines and strategies as points, and the
// cost-quality frontier (the points no cheaper point beats on accuracy).

#include "eval/run_report.h"

#include <QPointF>
#include <vector>

class QChart;

namespace baton::ui {

/// The frontier of (cost, accuracy) points: sorted by cost, each more accurate than every cheaper one.
std::vector<QPointF> costQualityFrontier(std::vector<QPointF> points);
/// A new chart (the caller owns it) for the report; costs in USD per item on a log axis.
QChart* buildCostAccuracyChart(const core::RunReport& report);

} // namespace baton::ui
