// SPDX-License-Identifier: MIT
#include "lambda_sweep_view.h"
#include "cost_accuracy_chart.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace baton::ui {

LambdaSweepView::LambdaSweepView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_policy = new QComboBox(this);
    m_policy->setObjectName("sweepPolicy");
    m_policy->setToolTip(tr("The sweep's policy shown in the tables; Add to pool adds this one"));
    row->addWidget(new QLabel(tr("Policy:"), this));
    row->addWidget(m_policy, 1);
    layout->addLayout(row);
    m_chart = new QChartView(this);
    m_chart->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_chart, 1);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    layout->addWidget(m_note);
    connect(m_policy, &QComboBox::currentIndexChanged, this, &LambdaSweepView::chosenChanged);
    clear();
}

void LambdaSweepView::setSweep(const core::RunReport& plane, const QStringList& policies, int chosen) {
    m_plane = plane;
    QChart* old = m_chart->chart();
    m_chart->setChart(buildCostAccuracyChart(m_plane));
    delete old;
    {
        QSignalBlocker quiet(m_policy);
        m_policy->clear();
        m_policy->addItems(policies);
        m_policy->setCurrentIndex(chosen);
    }
    m_policy->setEnabled(!policies.isEmpty());
    m_note->setText(tr("Test items of the sweep (never trained on); a policy whose test figures are partial "
                       "(the budget cap met them) is not drawn. Choose a lambda where the squares leave the frontier "
                       "of the single models behind."));
}

void LambdaSweepView::clear() {
    setSweep({}, {}, -1);
    m_note->setText(tr("Give several lambdas (e.g. 0.02, 0.05, 0.1) to train one policy per lambda and see "
                       "them here next to every model alone."));
}

int LambdaSweepView::chosen() const {
    return m_policy->currentIndex();
}

void LambdaSweepView::choose(int index) {
    m_policy->setCurrentIndex(index);
}

} // namespace baton::ui
