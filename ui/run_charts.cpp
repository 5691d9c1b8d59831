// SPDX-License-Identifier: MIT
#include "run_charts.h"
#include "eval/routing_graph.h"
#include "util/nice_scale.h"

#include <QCursor>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>
#include <cmath>
#include <set>

namespace baton::ui {
namespace {

constexpr size_t kLabelledItems = 12;

void attach(QChart* chart, QAbstractAxis* x, QAbstractAxis* y) {
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (auto* s : chart->series())
        s->attachAxis(x), s->attachAxis(y);
}

/// A y axis of whole counts from 0 with a nice step (1, 2, 5 x 10^k): 0/20/40, never 39/78/117.
QValueAxis* countAxis(int64_t tallest, const QString& title) {
    auto* y = new QValueAxis;
    double step = std::max(1.0, core::niceScale(0, double(tallest), 5).step);
    y->setRange(0, step * std::ceil(double(tallest) / step));
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(step);
    y->setLabelFormat("%d");
    y->setTitleText(title);
    return y;
}

} // namespace

QChart* buildCategoryAccuracyChart(const core::RunReport& report) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Accuracy per category (run %1): strategies solid, baselines hatched")
                        .arg(report.runId));
    std::set<std::string> categorySet;
    for (const auto& c : report.categories)
        categorySet.insert(c.category);
    QStringList categories;
    for (const auto& c : categorySet)
        categories << QString::fromStdString(c);
    auto* series = new QBarSeries;
    // Strategies in warm colours first, then baselines in greys-blues, hatched, named as such.
    static const QColor warm[] = {{214, 39, 40}, {255, 127, 14}, {148, 103, 189}, {227, 119, 194}, {188, 189, 34}};
    static const QColor cool[] = {{31, 119, 180}, {99, 110, 130}, {44, 160, 44}, {70, 130, 180}, {112, 128, 144}};
    int nStrategies = 0, nBaselines = 0;
    for (bool baselines : {false, true})
        for (const auto& m : report.strategies) {
            if (m.baseline != baselines) continue;
            QString name = QString::fromStdString(m.name);
            auto* set = new QBarSet(baselines ? QObject::tr("%1 (baseline)").arg(name) : name);
            QColor colour = baselines ? cool[nBaselines++ % 5] : warm[nStrategies++ % 5];
            set->setBrush(baselines ? QBrush(colour.lighter(140), Qt::Dense3Pattern) : QBrush(colour));
            set->setBorderColor(colour);
            set->setProperty("baseline", baselines);
            for (const auto& category : categorySet) {
                double accuracy = 0;
                for (const auto& c : report.categories)
                    if (c.strategy == m.name && c.category == category) accuracy = c.accuracy;
                *set << accuracy;
            }
            QObject::connect(set, &QBarSet::hovered, set, [set, categories](bool state, int index) {
                if (!state) return QToolTip::hideText();
                QToolTip::showText(QCursor::pos(), QObject::tr("%1, %2: accuracy %3")
                                                       .arg(set->label(), categories.value(index))
                                                       .arg(set->at(index), 0, 'f', 3));
            });
            series->append(set);
        }
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    auto* y = new QValueAxis;
    y->setRange(0, 1);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(0.2);
    y->setLabelFormat("%.1f");
    y->setTitleText(QObject::tr("accuracy"));
    x->setTitleText(QObject::tr("category"));
    attach(chart, x, y);
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

QString costGroupText(const core::ItemCostGroup& g, const QString& role, double roleUsd) {
    const auto usd = [](double v) { return QString::fromStdString(core::formatUsd(core::Money::fromUsd(v))); };
    QString text = QObject::tr("items ranked %1-%2: %3 %4 of %5 per item, on average")
                       .arg(g.first + 1)
                       .arg(g.first + g.size)
                       .arg(role, usd(roleUsd), usd(g.meanTotalUsd));
    // The means are of known costs: a call of unknown cost is not $0, and is not in them.
    if (g.unknownCostCalls > 0)
        text += QObject::tr(" (known costs only: %n call(s) of unknown cost not counted)", "", int(g.unknownCostCalls));
    return text;
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
    // Beyond kCostByRoleBars items a bar stands for a group of items of consecutive ranks, at their
    // mean: 66k bars (a 1M-call run) held the GUI thread for 0.3 s when drawn, more bars than the
    // chart has pixels, and said no more than their means do.
    auto groups = std::make_shared<const std::vector<core::ItemCostGroup>>(
        items.size() > kCostByRoleBars ? core::groupByRank(items, kCostByRoleBars)
                                       : std::vector<core::ItemCostGroup>{});
    const bool grouped = !groups->empty();
    const size_t bars = grouped ? groups->size() : items.size();
    size_t fewest = 1, most = 1; // items to a bar: groupByRank's sizes differ by at most 1
    if (grouped) {
        auto [low, high] = std::ranges::minmax_element(*groups, {}, &core::ItemCostGroup::size);
        fewest = low->size, most = high->size;
    }
    const QString perBar = fewest == most ? QString::number(most) : QStringLiteral("%1-%2").arg(fewest).arg(most);
    chart->setTitle(
        QObject::tr("Cost per item by role: %1 (%2 items, most expensive first%3%4)")
            .arg(strategy)
            .arg(items.size())
            .arg(grouped ? QObject::tr("; each bar the mean known cost of %1 items of consecutive ranks").arg(perBar)
                         : QString())
            .arg(unknown ? QObject::tr("; %1 calls of unknown cost not drawn").arg(unknown) : QString()));
    auto* series = new QStackedBarSeries;
    series->setBarWidth(1.0);
    double highest = 0;
    for (core::CallRole role : roles) {
        auto* set = new QBarSet(QString::fromStdString(core::toString(role)));
        if (grouped) {
            for (const auto& g : *groups) {
                auto it = g.meanUsd.find(role);
                *set << (it == g.meanUsd.end() ? 0.0 : it->second);
            }
        } else {
            for (const auto& item : items) {
                auto it = item.byRole.find(role);
                *set << (it == item.byRole.end() ? 0.0 : it->second.usd());
            }
        }
        series->append(set);
    }
    if (grouped)
        for (const auto& g : *groups)
            highest = std::max(highest, g.meanTotalUsd);
    else
        for (const auto& item : items)
            highest = std::max(highest, item.total.usd());
    chart->addSeries(series);
    // Held once for every bar set's hover (they were copied per role).
    auto shown = std::make_shared<const std::vector<core::ItemCost>>(grouped ? std::vector<core::ItemCost>{} : items);
    // Item ids are readable side by side only for a few items; beyond that they were cut to "...":
    // the bars then say their item on hover and the axis says how they are ordered. Unlabelled,
    // the bars stand on a value axis at their index: QBarCategoryAxis checks each category it is
    // given against those it has and lays out a label for each, which held the GUI thread for
    // 6.5 s at 66k items (a 1M-call run).
    bool labels = items.size() <= kLabelledItems;
    QAbstractAxis* x = nullptr;
    if (labels) {
        auto* named = new QBarCategoryAxis;
        for (const auto& item : items)
            named->append(QString::fromStdString(item.itemId));
        x = named;
    } else {
        auto* index = new QValueAxis;
        index->setRange(-0.5, double(bars) - 0.5);
        index->setGridLineVisible(false);
        index->setTickCount(2);
        x = index;
    }
    x->setLabelsVisible(labels);
    x->setLabelsAngle(labels ? -45 : 0);
    x->setTitleText(
        labels    ? QObject::tr("item (most expensive first)")
        : grouped ? QObject::tr("%n item(s), most expensive first, %1 to a bar (hover a bar for its ranks)", "",
                                int(items.size()))
                        .arg(perBar)
                  : QObject::tr("%n item(s), most expensive first (hover a bar for its item)", "", int(items.size())));
    for (QBarSet* set : series->barSets())
        QObject::connect(set, &QBarSet::hovered, set, [set, shown, groups](bool state, int index) {
            const size_t at = size_t(index);
            if (!state || index < 0 || at >= std::max(shown->size(), groups->size())) return QToolTip::hideText();
            const auto usd = [](double v) { return QString::fromStdString(core::formatUsd(core::Money::fromUsd(v))); };
            if (!groups->empty()) {
                return QToolTip::showText(QCursor::pos(), costGroupText((*groups)[at], set->label(), set->at(index)));
            }
            const core::ItemCost& item = (*shown)[at];
            QToolTip::showText(QCursor::pos(),
                               QObject::tr("%1: %2 %3 of %4 for the item")
                                   .arg(QString::fromStdString(item.itemId), set->label(), usd(set->at(index)),
                                        QString::fromStdString(core::formatUsd(item.total))));
        });
    auto* y = new QValueAxis;
    core::NiceScale scale = core::niceScale(0, highest > 0 ? highest : 1e-6, 5);
    y->setRange(0, scale.max);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(scale.step);
    y->setLabelFormat(scale.step >= 0.01 ? "$%.2f" : scale.step >= 0.0001 ? "$%.4f" : "$%.6f");
    y->setTitleText(grouped ? QObject::tr("cost of the item (USD; mean known cost of the bar's items)")
                            : QObject::tr("cost of the item (USD)"));
    attach(chart, x, y);
    return chart;
}

QChart* buildLatencyChart(const core::LatencyHistograms& latencies) {
    auto* chart = new QChart;
    chart->setTitle(QObject::tr("Latency distribution per item"));
    const std::vector<double>& edges = latencies.edges; // shared bins for every strategy
    int64_t tallest = 1;
    QStringList notMeasured;
    for (const auto& [name, counts] : latencies.counts) {
        if (counts.empty()) {
            notMeasured << QString::fromStdString(name);
            continue;
        }
        auto* line = new QLineSeries;
        line->setName(QString::fromStdString(name));
        for (size_t b = 0; b < counts.size(); ++b) {
            line->append(std::sqrt(edges[b] * edges[b + 1]), double(counts[b]));
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
    if (!edges.empty()) // whole decades, so that at least two labelled ticks show
        x->setRange(std::pow(10.0, std::floor(std::log10(edges.front()))),
                    std::pow(10.0, std::ceil(std::log10(edges.back()) + 1e-9)));
    attach(chart, x, countAxis(tallest, QObject::tr("items")));
    return chart;
}

QString costEdgeLabel(double usd) {
    return QStringLiteral("$") + QString::number(usd, 'f', std::max(0, int(std::ceil(-std::log10(usd) - 1e-9))));
}

QString costBinLabel(double low, double high) {
    return costEdgeLabel(low) + QStringLiteral("–") + costEdgeLabel(high).mid(1);
}

QString callCostNote(const core::CallCostHistogram& h) {
    QStringList parts;
    if (h.unknownCalls) parts << QObject::tr("%n call(s) of unknown cost", "", int(h.unknownCalls));
    if (h.cachedCalls) parts << QObject::tr("%n call(s) answered from the cache (not paid)", "", int(h.cachedCalls));
    if (h.freeCalls) parts << QObject::tr("%n call(s) that cost $0", "", int(h.freeCalls));
    return parts.isEmpty() ? QString() : QObject::tr("not drawn: %1").arg(parts.join(QStringLiteral("; ")));
}

QChart* buildCallCostChart(const core::RunCallCosts& costs, const std::string& strategy, int64_t runId) {
    auto* chart = new QChart;
    static const core::CallCostHistogram none;
    auto found = costs.byStrategy.find(strategy);
    const core::CallCostHistogram& h = strategy.empty() ? costs.all : found == costs.byStrategy.end() ? none : found->second;
    QString who = strategy.empty() ? QObject::tr("whole run") : QString::fromStdString(strategy);
    // With some costs unknown the paid sum is a lower bound of the spend, and said to be one.
    QString paid = QString::fromStdString((h.unknownCalls ? "\u2265" : "") + core::formatUsd(h.paid));
    QString title = QObject::tr("Cost per call (run %1, %2): %n paid call(s), %3", "", int(h.paidCalls))
                        .arg(runId)
                        .arg(who, paid);
    if (QString note = callCostNote(h); !note.isEmpty()) title += "<br><small>" + note.toHtmlEscaped() + "</small>";
    chart->setTitle(title);
    QStringList bins, edges; // a bar's range on hover; its lower edge under it (whole at 1024x700)
    for (size_t b = 0; b < costs.bins(); ++b)
        bins << costBinLabel(costs.edges[b], costs.edges[b + 1]), edges << costEdgeLabel(costs.edges[b]);
    auto* series = new QStackedBarSeries;
    series->setBarWidth(0.9);
    int64_t tallest = 1;
    std::vector<int64_t> perBin(costs.bins(), 0);
    for (const auto& [role, counts] : h.byRole) {
        auto* set = new QBarSet(QString::fromStdString(core::toString(role)));
        QColor colour(QString::fromStdString(core::roleColour(role)));
        set->setBrush(colour);
        set->setBorderColor(colour.darker(170));
        for (size_t b = 0; b < counts.size(); ++b)
            *set << double(counts[b]), perBin[b] += counts[b];
        QObject::connect(set, &QBarSet::hovered, set, [set, bins](bool state, int index) {
            if (!state) return QToolTip::hideText();
            QToolTip::showText(QCursor::pos(), QObject::tr("%1 call(s) of role %2 costing %3")
                                                   .arg(set->at(index))
                                                   .arg(set->label(), bins.value(index)));
        });
        series->append(set);
    }
    for (int64_t n : perBin)
        tallest = std::max(tallest, n);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(edges);
    x->setLabelsAngle(edges.size() > 10 ? -45 : 0);
    x->setTitleText(QObject::tr("cost of one call (USD, log-spaced bins: each from its label up to the next)"));
    attach(chart, x, countAxis(tallest, QObject::tr("calls")));
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

} // namespace baton::ui
