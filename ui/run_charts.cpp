// SPDX-License-Identifier: MIT
#include "run_charts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <cmath>
#include <set>

namespace baton::ui {
namespace {

constexpr int kLatencyBins = 24;

void attach(QChart* chart, QAbstractAxis* x, QAbstractAxis* y) {
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : chart->series())
        s->attachAxis(x), s->attachAxis(y);
}

} // namespace

QChart* buildCategoryAccuracyChart(const core::RunReport& report) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Accuracy per category (run %1)").arg(report.runId));
    std::set<std::string> categorySet;
    for (const auto& c : report.categories)
        categorySet.insert(c.category);
    QStringList categories;
    for (const auto& c : categorySet)
        categories << QString::fromStdString(c);
    auto* series = new QBarSeries;
    for (const auto& m : report.strategies) {
        auto* set = new QBarSet(QString::fromStdString(m.name));
        for (const auto& category : categorySet) {
            double accuracy = 0;
            for (const auto& c : report.categories)
                if (c.strategy == m.name && c.category == category) accuracy = c.accuracy;
            *set << accuracy;
        }
        series->append(set);
    }
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    auto* y = new QValueAxis;
    y->setRange(0, 1);
    y->setTitleText(QObject::tr("accuracy"));
    attach(chart, x, y);
    return chart;
}

QChart* buildCostByRoleChart(const std::vector<core::ItemCost>& items, const QString& strategy) {
    auto* chart = new QChart;
    int64_t unknown = 0;
    std::set<core::CallRole> roles;
    for (const auto& item : items) {
        unknown += item.unknownCostCalls;
        for (const auto& [role, cost] : item.byRole)
            roles.insert(role);
    }
    chart->setTitle(QObject::tr("Cost per item by role: %1 (%2 items, most expensive first%3)")
                        .arg(strategy)
                        .arg(items.size())
                        .arg(unknown ? QObject::tr("; %1 calls of unknown cost not drawn").arg(unknown) : QString()));
    auto* series = new QStackedBarSeries;
    series->setBarWidth(1.0);
    double highest = 0;
    for (core::CallRole role : roles) {
        auto* set = new QBarSet(QString::fromStdString(core::toString(role)));
        for (const auto& item : items) {
            auto it = item.byRole.find(role);
            *set << (it == item.byRole.end() ? 0.0 : it->second.usd());
        }
        series->append(set);
    }
    for (const auto& item : items)
        highest = std::max(highest, item.total.usd());
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    QStringList ids;
    for (const auto& item : items)
        ids << QString::fromStdString(item.itemId);
    x->append(ids);
    x->setLabelsVisible(items.size() <= 40);
    x->setTitleText(QObject::tr("items"));
    auto* y = new QValueAxis;
    y->setRange(0, highest > 0 ? highest * 1.05 : 1e-6);
    y->setLabelFormat("$%.4f");
    y->setTitleText(QObject::tr("cost (USD)"));
    attach(chart, x, y);
    return chart;
}

QChart* buildLatencyChart(const std::vector<core::Outcome>& outcomes, const std::vector<std::string>& strategies) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Latency distribution per item"));
    std::vector<double> all;
    for (const auto& o : outcomes)
        if (o.latencyMs) all.push_back(*o.latencyMs);
    core::Histogram bounds = core::logHistogram(all, kLatencyBins); // shared bins for every strategy
    int64_t tallest = 1;
    QStringList notMeasured;
    for (const auto& name : strategies) {
        std::vector<double> ms = core::latenciesOf(outcomes, name);
        if (ms.empty() || bounds.edges.empty()) {
            notMeasured << QString::fromStdString(name);
            continue;
        }
        std::vector<int64_t> counts = core::countInBins(ms, bounds.edges);
        auto* line = new QLineSeries;
        line->setName(QString::fromStdString(name));
        for (size_t b = 0; b < counts.size(); ++b) {
            line->append(std::sqrt(bounds.edges[b] * bounds.edges[b + 1]), double(counts[b]));
            tallest = std::max(tallest, counts[b]);
        }
        chart->addSeries(line);
    }
    if (!notMeasured.isEmpty())
        chart->setTitle(QObject::tr("Latency distribution per item (no latency measured, e.g. answered from the "
                                    "cache: %1)")
                            .arg(notMeasured.join(", ")));
    auto* x = new QLogValueAxis;
    x->setTitleText(QObject::tr("latency per item (ms, log scale)"));
    x->setLabelFormat("%g");
    x->setMinorTickCount(8);
    if (!bounds.edges.empty()) // whole decades, so that at least two labelled ticks show
        x->setRange(std::pow(10.0, std::floor(std::log10(bounds.edges.front()))),
                    std::pow(10.0, std::ceil(std::log10(bounds.edges.back()) + 1e-9)));
    auto* y = new QValueAxis;
    int64_t step = std::max<int64_t>(1, (tallest + 4) / 5); // whole items per tick
    y->setRange(0, double(step * ((tallest + step - 1) / step)));
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(double(step));
    y->setLabelFormat("%d");
    y->setTitleText(QObject::tr("items"));
    attach(chart, x, y);
    return chart;
}

} // namespace baton::ui
