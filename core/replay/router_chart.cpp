// SPDX-License-Identifier: MIT
#include "replay/router_chart.h"
#include "eval/frontier.h"
#include "util/fixed_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace baton::core {
namespace {

std::string general(double v) {
    char text[48];
    std::snprintf(text, sizeof text, "%.4g", v);
    return text;
}

std::string withAiq(const std::string& name, double aiq) {
    return std::isnan(aiq) ? name : name + ", AIQ " + fixedText(aiq, 4);
}

} // namespace

CurveChart routerChart(const RouterReport& r) {
    using Series = CurveChart::Series;
    const bool usd = r.costAxis == "usd";
    auto xOf = [&](double cost, double share) { return usd ? cost : share; };
    auto pointTip = [&](const std::string& name, double lambda, double accuracy, double x) {
        std::string at = usd ? "$" + fixedText(x, 6) + " per item" : fixedText(x, 3) + " of calls to the strong model";
        return name + (std::isnan(lambda) ? "" : ", lambda " + general(lambda)) + ": accuracy " + fixedText(accuracy, 4) +
               ", " + at;
    };
    CurveChart chart;
    chart.title = (r.name.empty() ? std::string("Learned router") : "Router " + r.name) + " on " +
                  std::to_string(r.testItems) + " test items" +
                  (r.seed ? " (seed " + std::to_string(r.seed) + ")" : "") + ": lambda curves against the baselines";
    chart.xTitle = usd ? "mean cost per item (USD)" : "share of calls to the strong model";
    chart.yTitle = "accuracy on the test items";
    double maxX = 0;
    auto curve = [&](const std::string& name, const std::string& colour, const std::vector<OperatingPoint>& points,
                     double aiq) {
        if (points.empty()) return;
        Series s;
        s.name = withAiq(name, aiq), s.colour = colour;
        for (const auto& p : points) {
            double x = xOf(p.meanCostUsd, p.strongShare);
            if (std::isnan(x)) continue;
            s.points.push_back({x, p.accuracy, pointTip(name, p.lambda, p.accuracy, x)});
            maxX = std::max(maxX, x);
        }
        chart.series.push_back(std::move(s));
    };
    curve("router (lambda sweep)", "#2f5d8a", r.testCurve, r.routerAiq);
    curve("kNN (lambda sweep)", "#e8833a", r.knnCurve, r.knnAiq);
    curve("rules by category (lambda sweep)", "#8172b2", r.rulesCurve, r.rulesAiq);

    const RouterReportRow *cheapest = nullptr, *strongest = nullptr, *best = nullptr;
    std::vector<Series> points;
    for (const auto& row : r.rows) {
        double x = xOf(row.meanCostUsd, row.strongShare);
        if (std::isnan(x)) continue;
        maxX = std::max(maxX, x);
        Series s;
        s.points.push_back({x, row.accuracy, ""});
        if (row.kind == RouterReportRow::Kind::Single) {
            if (!cheapest || x < xOf(cheapest->meanCostUsd, cheapest->strongShare)) cheapest = &row;
            if (row.name == r.strongModel) strongest = &row;
            if (!best || row.accuracy > best->accuracy) best = &row;
            s.name = row.name, s.colour = "#555555", s.legend = false, s.labelled = true,
            s.style = Series::Style::Point;
        } else if (row.kind == RouterReportRow::Kind::Oracle) {
            s.name = "oracle", s.colour = "#2e7d32", s.labelled = true, s.style = Series::Style::Square;
        } else {
            s.name = "chosen lambda " + general(r.lambda), s.colour = "#d62728", s.labelled = true;
            s.style = Series::Style::Point;
        }
        s.points.back().label = pointTip(s.name, NAN, row.accuracy, x);
        points.push_back(std::move(s));
    }
    // Without a named strong model (more than two models), the most accurate single one.
    if (!strongest) strongest = best;
    // The single models' non-decreasing hull (what their AIQ integrates); when it is the chord of
    // the cheapest and the strongest model, it is that random mix, drawn once under both names.
    std::vector<CurvePoint> singles;
    for (const auto& row : r.rows)
        if (row.kind == RouterReportRow::Kind::Single && !std::isnan(xOf(row.meanCostUsd, row.strongShare)))
            singles.push_back({xOf(row.meanCostUsd, row.strongShare), row.accuracy, row.name});
    std::vector<CurvePoint> hull = nonDecreasingHull(singles);
    const bool mixIsHull = cheapest && strongest && hull.size() == 2 && hull[0].label == cheapest->name &&
                           hull[1].label == strongest->name;
    if (hull.size() > 1) {
        Series h;
        h.name = withAiq(mixIsHull ? "single models' hull = random mix " + cheapest->name + " / " + strongest->name
                                   : std::string("single models' hull"),
                         r.singlesAiq);
        h.colour = "#8c8c8c", h.style = Series::Style::DashedLine;
        for (const auto& p : hull)
            h.points.push_back({p.cost, p.quality, pointTip(p.label, NAN, p.quality, p.cost)});
        chart.series.push_back(std::move(h));
    }
    if (!mixIsHull && cheapest && strongest && cheapest != strongest) {
        Series mix;
        mix.name = "random mix " + cheapest->name + " / " + strongest->name;
        mix.colour = "#4e9f6b", mix.style = Series::Style::DashedLine;
        for (const auto* row : {cheapest, strongest}) {
            double x = xOf(row->meanCostUsd, row->strongShare);
            mix.points.push_back({x, row->accuracy, pointTip(row->name, NAN, row->accuracy, x)});
        }
        chart.series.push_back(std::move(mix));
    }
    for (auto& s : points)
        chart.series.push_back(std::move(s));
    chart.xMax = usd ? (maxX > 0 ? maxX * 1.1 : 1) : 1;
    // Accuracy on whole tenths around what is drawn, so close curves stay apart.
    double lowY = 1, highY = 0;
    for (const auto& s : chart.series)
        for (const auto& p : s.points)
            if (std::isfinite(p.y)) lowY = std::min(lowY, p.y), highY = std::max(highY, p.y);
    if (lowY <= highY) {
        chart.yMin = std::max(0.0, std::floor(lowY * 10 - 1e-9) / 10);
        chart.yMax = std::min(1.0, std::max(chart.yMin + 0.1, std::ceil(highY * 10 + 1e-9) / 10));
    }
    return chart;
}

} // namespace baton::core
