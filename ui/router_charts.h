// SPDX-License-Identifier: MIT
#pragma once
// Chart builders for a trained router's test split: the reliability diagram (per model, the
// observed share right against the router's mean P(correct) per bin, beside the diagonal of
// perfect calibration) and the lambda curve against kNN's and the rules' (when the report has
// them), the single models, the random mix of the cheapest and the strongest model, and the
// oracle, with the chosen lambda marked: core::routerChart drawn as a QChart.

#include "replay/router_report.h"

class QChart;

namespace baton::ui {

/// A new chart (the caller owns it). Bins without items are not drawn.
QChart* buildReliabilityChart(const core::RouterReport& report);
/// A new chart (the caller owns it) on USD per item; points of unknown cost are not placed.
QChart* buildRouterCurveChart(const core::RouterReport& report);

} // namespace baton::ui
