// SPDX-License-Identifier: MIT
#pragma once
// Builds the cost-vs-accuracy chart of a run: each baseline and strategy a point labelled with its
// name (names placed so that none overlaps another or covers a point) and with a
// tooltip (strategies squares, baselines circles), strategies with some costs unknown drawn at
// the lower bound of their cost (hollow, said in the note), and the cost-quality frontier the
// report computed (its non-decreasing convex hull).

#include "eval/run_report.h"

#include <QString>

class QChart;
class QScatterSeries;

namespace baton::ui {

/// A new chart (the caller owns it) for the report; costs in USD per item on a log axis whose
/// range is whole decades (so that labelled ticks always show).
QChart* buildCostAccuracyChart(const core::RunReport& report);
/// The text a point shows on hover (kept on its series as the "toolTip" property).
QString pointToolTip(const QScatterSeries* point);

} // namespace baton::ui
