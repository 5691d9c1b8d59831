// SPDX-License-Identifier: MIT
#include "model_shares_view.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QPainter>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <set>

namespace baton::ui {

ModelSharesView::ModelSharesView(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setBehaviour(BehaviourTableModel());
}

void ModelSharesView::setBehaviour(const BehaviourTableModel& table) {
    auto* chart = new QChart;
    chart->setTitle(tr("Models chosen on the test items: share of items per model that answered first"));
    std::set<std::string> models;
    for (int row = 0; row < table.rowCount(); ++row)
        for (const auto& [model, count] : table.shares(row).firstModel)
            models.insert(model);
    auto* series = new QStackedBarSeries;
    QStringList categories;
    for (int row = 0; row < table.rowCount(); ++row)
        categories << table.data(table.index(row, BehaviourTableModel::Category)).toString();
    auto percentOf = [&table](int row, int count) {
        int items = table.shares(row).items;
        return items > 0 ? 100.0 * count / items : 0.0;
    };
    for (const auto& model : models) {
        auto* set = new QBarSet(QString::fromStdString(model));
        for (int row = 0; row < table.rowCount(); ++row) {
            const auto& first = table.shares(row).firstModel;
            auto it = first.find(model);
            *set << percentOf(row, it == first.end() ? 0 : it->second);
        }
        series->append(set);
    }
    auto* rest = new QBarSet(tr("planned first (no single model)"));
    rest->setColor(QColor("#bdbdbd"));
    for (int row = 0; row < table.rowCount(); ++row) {
        int direct = 0;
        for (const auto& [model, count] : table.shares(row).firstModel)
            direct += count;
        *rest << percentOf(row, table.shares(row).items - direct);
    }
    series->append(rest);
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
