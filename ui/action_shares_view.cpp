// SPDX-License-Identifier: MIT
#include "action_shares_view.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QPainter>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <set>

namespace baton::ui {
namespace {

/// A group of bars per category: the share of its items per action.
QAbstractBarSeries* actionSeries(const BehaviourTableModel& table) {
    auto* series = new QBarSeries;
    for (auto column : {BehaviourTableModel::Direct, BehaviourTableModel::Plan, BehaviourTableModel::Verify,
                        BehaviourTableModel::Synthesize}) {
        auto* set = new QBarSet(table.headerData(column, Qt::Horizontal).toString().toLower());
        for (int row = 0; row < table.rowCount(); ++row)
            *set << 100 * table.share(row, column);
        series->append(set);
    }
    return series;
}

/// One stacked bar of 100% per category: its items by the model that answered first, then the rest.
QAbstractBarSeries* firstModelSeries(const BehaviourTableModel& table) {
    std::set<std::string> models;
    for (int row = 0; row < table.rowCount(); ++row)
        for (const auto& [model, count] : table.shares(row).firstModel)
            models.insert(model);
    auto percentOf = [&table](int row, int count) {
        int items = table.shares(row).items;
        return items > 0 ? 100.0 * count / items : 0.0;
    };
    auto* series = new QStackedBarSeries;
    for (const auto& model : models) {
        auto* set = new QBarSet(QString::fromStdString(model));
        for (int row = 0; row < table.rowCount(); ++row) {
            const auto& first = table.shares(row).firstModel;
            auto it = first.find(model);
            *set << percentOf(row, it == first.end() ? 0 : it->second);
        }
        series->append(set);
    }
    auto* rest = new QBarSet(QObject::tr("planned first (no single model)"));
    rest->setColor(QColor("#bdbdbd"));
    for (int row = 0; row < table.rowCount(); ++row) {
        int direct = 0;
        for (const auto& [model, count] : table.shares(row).firstModel)
            direct += count;
        *rest << percentOf(row, table.shares(row).items - direct);
    }
    series->append(rest);
    return series;
}

} // namespace

ActionSharesView::ActionSharesView(Shares shares, QWidget* parent) : QChartView(parent), m_shares(shares) {
    setRenderHint(QPainter::Antialiasing);
    setBehaviour(BehaviourTableModel());
}

void ActionSharesView::setBehaviour(const BehaviourTableModel& table) {
    auto* chart = new QChart;
    bool actions = m_shares == Shares::Actions;
    chart->setTitle(actions ? tr("Learned behaviour on the test items: share of items per action")
                            : tr("Models chosen on the test items: share of items per model that answered first"));
    QAbstractBarSeries* series = actions ? actionSeries(table) : firstModelSeries(table);
    QStringList categories;
    for (int row = 0; row < table.rowCount(); ++row)
        categories << table.data(table.index(row, BehaviourTableModel::Category)).toString();
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setLabelsAngle(-30);
    auto* y = new QValueAxis;
    y->setRange(0, 100);
    y->setLabelFormat("%.0f%%");
    y->setTitleText(tr("items of the category"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart* old = this->chart();
    setChart(chart);
    delete old;
}

} // namespace baton::ui
