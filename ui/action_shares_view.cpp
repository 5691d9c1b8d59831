// SPDX-License-Identifier: MIT
#include "action_shares_view.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QPainter>
#include <QValueAxis>

namespace baton::ui {

ActionSharesView::ActionSharesView(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setBehaviour(BehaviourTableModel());
}

void ActionSharesView::setBehaviour(const BehaviourTableModel& table) {
    auto* chart = new QChart;
    chart->setTitle(tr("Learned behaviour on the test items: share of items per action"));
    auto* series = new QBarSeries;
    QStringList categories;
    for (int row = 0; row < table.rowCount(); ++row)
        categories << table.data(table.index(row, BehaviourTableModel::Category)).toString();
    for (auto column : {BehaviourTableModel::Direct, BehaviourTableModel::Plan, BehaviourTableModel::Verify,
                        BehaviourTableModel::Synthesize}) {
        auto* set = new QBarSet(table.headerData(column, Qt::Horizontal).toString().toLower());
        for (int row = 0; row < table.rowCount(); ++row)
            *set << 100 * table.share(row, column);
        series->append(set);
    }
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
