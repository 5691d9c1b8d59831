// SPDX-License-Identifier: MIT
#include "replay/replay_table.h"

#include <cstdio>

namespace baton::core {

std::string toString(ReplayRow::Kind kind) {
    switch (kind) {
    case ReplayRow::Kind::Baseline: return "baseline";
    case ReplayRow::Kind::Frontier: return "frontier";
    case ReplayRow::Kind::Oracle: return "oracle";
    case ReplayRow::Kind::Strategy: return "strategy";
    }
    return "?";
}

std::vector<ReplayRow> replayTable(const ReplayReport& report) {
    bool usd = report.costAxis == "usd";
    std::vector<ReplayRow> rows;
    for (const auto& b : report.baselines)
        rows.push_back({ReplayRow::Kind::Baseline, b.strategy, b.accuracy, costAxis(b, usd)});
    ReplayRow frontier{ReplayRow::Kind::Frontier, "single-model frontier"};
    frontier.aiq = report.baselineAiq;
    for (const auto& p : report.baselineHull)
        if (std::isnan(frontier.accuracy) || p.quality > frontier.accuracy) frontier.accuracy = p.quality, frontier.cost = p.cost;
    rows.push_back(frontier);
    rows.push_back({ReplayRow::Kind::Oracle, "oracle", report.testOracle.accuracy, costAxis(report.testOracle, usd)});
    for (const auto& c : report.curves) {
        ReplayRow row{ReplayRow::Kind::Strategy, c.strategy};
        for (const auto& p : c.points) // the most accurate point, the cheapest among equals
            if (std::isnan(row.accuracy) || p.accuracy > row.accuracy ||
                (p.accuracy == row.accuracy && costAxis(p, usd) < row.cost))
                row.accuracy = p.accuracy, row.cost = costAxis(p, usd);
        row.aiq = c.aiq, row.apgr = c.apgr, row.cpt50 = c.cpt50, row.cpt80 = c.cpt80;
        rows.push_back(row);
    }
    return rows;
}

namespace {

std::string number(double v) {
    if (std::isnan(v)) return {};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    return buffer;
}

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

} // namespace

std::string replayTableCsv(const ReplayReport& report) {
    std::string out = std::string("kind,name,accuracy,") +
                      (report.costAxis == "usd" ? "cost_usd_per_item" : "strong_share") + ",aiq,apgr,cpt50,cpt80\n";
    for (const auto& r : replayTable(report))
        out += toString(r.kind) + ',' + quoted(r.name) + ',' + number(r.accuracy) + ',' + number(r.cost) + ',' +
               number(r.aiq) + ',' + number(r.apgr) + ',' + number(r.cpt50) + ',' + number(r.cpt80) + '\n';
    return out;
}

} // namespace baton::core
