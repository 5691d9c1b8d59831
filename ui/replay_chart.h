// SPDX-License-Identifier: MIT
#pragma once
// Builds the Replay lab's cost-quality chart from a replay report: every single model as a
// labelled point, their frontier (non-decreasing hull), the random mix, the oracle and each
// strategy's curve; hovering any point shows what it is in a tooltip.

#include "replay/replay_report.h"

class QChart;

namespace baton::ui {

/// A new chart (the caller owns it), on the report's cost axis (USD per item, or the strong
/// model's share of calls when some cost is unknown).
QChart* buildReplayChart(const core::ReplayReport& report);

} // namespace baton::ui
