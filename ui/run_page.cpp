#include "run_page.h"
#include "demo_workspace.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

QString usd(core::Money m) {
    return QString::fromStdString(core::formatUsd(m));
}

} // namespace

RunPage::RunPage(DemoWorkspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_baselines(new QCheckBox(tr("Every model alone (baselines)"), this)),
      m_budget(new QDoubleSpinBox(this)), m_concurrency(new QSpinBox(this)), m_estimate(new QLabel(this)),
      m_run(new QPushButton(tr("&Run"), this)), m_cancel(new QPushButton(tr("&Cancel"), this)),
      m_bar(new QProgressBar(this)), m_status(new QLabel(this)) {
    qRegisterMetaType<core::RunProgress>();
    qRegisterMetaType<core::RunSummary>();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("<h2>Run</h2>Pool <b>%1</b> over <b>%2</b> items (%3). Models are SIMULATED by the built-in "
                      "simulator; no key is needed.")
                       .arg(QString::fromStdString(workspace.pool().name).toHtmlEscaped())
                       .arg(workspace.tasks().items.size())
                       .arg(workspace.path().toHtmlEscaped()),
                   this));
    auto* what = new QGroupBox(tr("What to run"), this);
    auto* whatLayout = new QVBoxLayout(what);
    m_baselines->setChecked(true);
    whatLayout->addWidget(m_baselines);
    for (const auto& [name, config] : workspace.pool().strategies) {
        auto* box = new QCheckBox(QString::fromStdString(name + "  (" + config.kind + ")"), what);
        box->setChecked(true);
        m_strategies[name] = box;
        whatLayout->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &RunPage::showEstimate);
    }
    connect(m_baselines, &QCheckBox::toggled, this, &RunPage::showEstimate);
    layout->addWidget(what);

    auto* form = new QFormLayout;
    m_budget->setRange(0.01, 1000);
    m_budget->setDecimals(2);
    m_budget->setPrefix("$");
    m_budget->setValue(workspace.pool().constraints.budgetPerRunUsd.value_or(10));
    m_concurrency->setRange(1, 256);
    m_concurrency->setValue(16);
    form->addRow(tr("Budget cap (never exceeded)"), m_budget);
    form->addRow(tr("Items in flight"), m_concurrency);
    form->addRow(tr("Estimate"), m_estimate);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setEnabled(false);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addStretch();
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    connect(m_run, &QPushButton::clicked, this, &RunPage::startRun);
    connect(m_cancel, &QPushButton::clicked, this, &RunPage::cancelRun);
    connect(&m_job, &RunJob::progress, this, &RunPage::onProgress);
    connect(&m_job, &RunJob::resultAvailable, this, &RunPage::onFinished);
    connect(&m_job, &RunJob::failed, this, &RunPage::onFailed);
    showEstimate();
}

core::RunSettings RunPage::settings() const {
    core::RunSettings s;
    s.baselines = m_baselines->isChecked();
    for (const auto& [name, box] : m_strategies)
        if (box->isChecked()) s.strategies.push_back(name);
    s.maxCost = core::Money::fromUsd(m_budget->value());
    s.concurrency = m_concurrency->value();
    return s;
}

void RunPage::selectStrategies(const QStringList& names) {
    for (const auto& [name, box] : m_strategies)
        box->setChecked(names.contains(QString::fromStdString(name)));
}

void RunPage::showEstimate() {
    auto e = core::estimateRun(m_workspace.pool(), m_workspace.tasks(), settings(), core::PriceBook::bundled());
    m_estimate->setText(tr("%1 jobs, %2 to %3 (about %4)").arg(e.jobs).arg(usd(e.low), usd(e.high), usd(e.expected)));
}

void RunPage::startRun() {
    core::RunSettings s = settings();
    if (!m_job.start(m_workspace.runInputs(), m_workspace.pool(), m_workspace.tasks(), s, m_workspace.environment()))
        return;
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_bar->setRange(0, 0);
    m_status->setText(tr("Starting..."));
}

void RunPage::cancelRun() {
    m_job.cancel();
    m_status->setText(tr("Cancelling: calls in flight are stopped, finished ones are kept."));
}

void RunPage::onProgress(const core::RunProgress& p) {
    m_bar->setRange(0, int(p.total));
    m_bar->setValue(int(p.done));
    m_status->setText(tr("%1 of %2 done, %3 failed, %4 spent (+%5 reserved), about %6 s left")
                          .arg(p.done)
                          .arg(p.total)
                          .arg(p.failed)
                          .arg(usd(p.spent), usd(p.reserved))
                          .arg(qRound(p.etaSeconds)));
}

void RunPage::onFinished(const core::RunSummary& s) {
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_bar->setRange(0, 1);
    m_bar->setValue(1);
    m_status->setText(tr("Run %1 %2: %3 answered, %4 failed, %5 incomplete; %6 spent. %7")
                          .arg(s.runId)
                          .arg(QString::fromStdString(s.status))
                          .arg(s.completed)
                          .arg(s.failed)
                          .arg(s.incomplete)
                          .arg(usd(s.spent), QString::fromStdString(s.stopReason)));
    emit runFinished(s.runId);
}

void RunPage::onFailed(const QString& message) {
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_status->setText(tr("The run could not start or stopped: %1").arg(message));
}

} // namespace baton::ui
