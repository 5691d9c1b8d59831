// SPDX-License-Identifier: MIT
#include "bundle/report_charts.h"

#include "io/svg_chart.h"

#include <cmath>
#include <limits>
#include <set>

namespace baton::core {

namespace {

std::string costAccuracy(const RunReport& report) {
    ScatterChart chart;
    chart.title = "Run " + std::to_string(report.runId) + ": cost per item vs accuracy";
    chart.xTitle = "cost per item (USD, log scale)";
    chart.yTitle = "accuracy";
    chart.logX = true;
    chart.lineLabel = "cost-quality frontier";
    for (const auto& s : report.strategies)
        if (s.costPerItem) chart.points.push_back({s.costPerItem->usd(), s.accuracy, s.name, !s.baseline});
    for (const auto& p : report.frontier)
        chart.line.push_back({p.cost, p.quality, p.label, false});
    return toSvg(chart);
}

std::string accuracyByCategory(const RunReport& report) {
    BarChart chart;
    chart.title = "Run " + std::to_string(report.runId) + ": accuracy per category";
    chart.yTitle = "accuracy";
    std::set<std::string> categories;
    for (const auto& c : report.categories)
        categories.insert(c.category);
    chart.categories.assign(categories.begin(), categories.end());
    for (const auto& s : report.strategies) {
        BarChart::Series series{s.name, std::vector<double>(chart.categories.size(), std::nan(""))};
        for (const auto& c : report.categories)
            if (c.strategy == s.name)
                for (size_t i = 0; i < chart.categories.size(); ++i)
                    if (chart.categories[i] == c.category) series.values[i] = c.accuracy;
        chart.series.push_back(std::move(series));
    }
    return toSvg(chart);
}

} // namespace

std::map<std::string, std::string> reportChartsSvg(const RunReport& report) {
    return {{"charts/cost_accuracy.svg", costAccuracy(report)},
            {"charts/accuracy_by_category.svg", accuracyByCategory(report)}};
}

} // namespace baton::core
