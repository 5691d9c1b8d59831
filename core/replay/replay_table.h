// SPDX-License-Identifier: MIT
#pragma once
/// The replay report as one table, what the Replay lab shows and exports: each single model on
/// the test items, the oracle, the random mix's end points, and each strategy's curve summed up
/// (its best point, AIQ, and for a weak/strong pair APGR and CPT). Plain rows, no formatting.

#include <cmath>
#include "replay/replay_report.h"

#include <string>
#include <vector>

namespace baton::core {

struct ReplayRow {
    enum class Kind { Baseline, Frontier, Oracle, Strategy };
    Kind kind = Kind::Baseline;
    std::string name;
    double accuracy = NAN; ///< on the test items; a strategy's most accurate curve point
    double cost = NAN;     ///< on the report's cost axis (USD per item, or the strong model's share)
    double aiq = NAN, apgr = NAN, cpt50 = NAN, cpt80 = NAN;
};

std::string toString(ReplayRow::Kind kind);

/// Baselines (in the report's order), the single models' frontier (its AIQ), the oracle, then
/// one row per strategy curve.
std::vector<ReplayRow> replayTable(const ReplayReport& report);

/// The rows as CSV with a header: kind,name,accuracy,cost,aiq,apgr,cpt50,cpt80 (the cost column
/// named after the axis: cost_usd_per_item or strong_share). Unknown values are empty.
std::string replayTableCsv(const ReplayReport& report);

} // namespace baton::core
