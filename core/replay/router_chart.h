// SPDX-License-Identifier: MIT
#pragma once
/// The cost-quality chart of a router on its test items, as a description both the workbench
/// (ui/router_charts.h, a QChart) and `router eval --chart` (SVG) draw: the router's lambda curve,
/// kNN's and the rules' (when the report has them), the random mix of the cheapest and the
/// strongest model, every single model (a labelled point), the oracle and the chosen lambda. The
/// legend entries of the three curves carry their AIQ. No errors: what the report lacks is not drawn.

#include "io/svg_chart.h"
#include "replay/router_report.h"

namespace baton::core {

CurveChart routerChart(const RouterReport& report);

} // namespace baton::core
