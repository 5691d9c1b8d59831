// SPDX-License-Identifier: MIT
#include "run_page.h"
#include "engine/run_start_check.h"
#include "pools/pool_file.h"
#include "settings.h"
#include "store/run_store.h"
#include "strategies/labelled_outcomes.h"
#include "strategies/strategy_registry.h"
#include "workbench_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace baton::ui {
namespace {

QString usd(core::Money m) {
    return QString::fromStdString(core::formatUsd(m));
}

bool hasSimulatedModels(const core::Pool& pool) {
    return std::ranges::any_of(pool.models, [](const auto& m) { return m.provider == core::ProviderKind::Sim; });
}

} // namespace

RunPage::RunPage(WorkbenchSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_inputs(new QLabel(this)), m_what(new QGroupBox(tr("What to run"), this)),
      m_whatLayout(new QVBoxLayout(m_what)), m_baselines(new QCheckBox(tr("Every model alone (baselines)"), this)),
      m_stream(new QCheckBox(tr("Stream responses (measures time to first token)"), this)),
      m_budget(new QDoubleSpinBox(this)), m_confirmAbove(new QDoubleSpinBox(this)), m_concurrency(new QSpinBox(this)),
      m_estimate(new QLabel(this)), m_run(new QPushButton(tr("&Run"), this)),
      m_cancel(new QPushButton(tr("&Cancel"), this)), m_resumable(new QComboBox(this)),
      m_resume(new QPushButton(tr("Re&sume"), this)), m_bar(new QProgressBar(this)), m_status(new QLabel(this)) {
    qRegisterMetaType<core::RunProgress>();
    qRegisterMetaType<core::RunSummary>();
    confirm = [this](const QString& question) {
        return QMessageBox::question(this, tr("Run"), question) == QMessageBox::Yes;
    };
    auto* layout = new QVBoxLayout(this);
    m_inputs->setWordWrap(true);
    layout->addWidget(m_inputs);
    m_baselines->setChecked(true);
    m_whatLayout->addWidget(m_baselines);
    connect(m_baselines, &QCheckBox::toggled, this, &RunPage::showEstimate);
    layout->addWidget(m_what);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_budget->setRange(0.01, 100000);
    m_budget->setPrefix("$");
    m_confirmAbove->setRange(0, 100000);
    m_confirmAbove->setPrefix("$");
    m_confirmAbove->setValue(baton::ui::settings::confirmAboveUsd.get());
    m_concurrency->setRange(1, 256);
    m_concurrency->setValue(baton::ui::settings::concurrency.get());
    m_stream->setChecked(baton::ui::settings::stream.get());
    connect(m_confirmAbove, &QDoubleSpinBox::valueChanged, this, [](double v) { baton::ui::settings::confirmAboveUsd.set(v); });
    connect(m_concurrency, &QSpinBox::valueChanged, this, [](int v) { baton::ui::settings::concurrency.set(v); });
    connect(m_stream, &QCheckBox::toggled, this, [](bool on) { baton::ui::settings::stream.set(on); });
    form->addRow(tr("Budget cap (never exceeded)"), m_budget);
    form->addRow(tr("Ask before runs that may cost more than"), m_confirmAbove);
    form->addRow(tr("Items in flight"), m_concurrency);
    m_stream->setObjectName("streamResponses");
    m_baselines->setObjectName("baselines");
    m_stream->setToolTip(tr("Every request streams its answer (SSE): the time to its first token is "
                            "logged with each call. A stream that has delivered content is never retried."));
    form->addRow(QString(), m_stream);
    form->addRow(tr("Estimate"), m_estimate);
    layout->addLayout(form);
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, &RunPage::showEstimate);

    auto* buttons = new QHBoxLayout;
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setEnabled(false);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addSpacing(24);
    buttons->addWidget(new QLabel(tr("Interrupted runs:"), this));
    buttons->addWidget(m_resumable);
    buttons->addWidget(m_resume);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addStretch();
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_run, &QPushButton::clicked, this, &RunPage::startRun);
    connect(m_cancel, &QPushButton::clicked, this, &RunPage::cancelRun);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (m_resumable->currentIndex() >= 0) resumeRun(m_resumable->currentData().toLongLong());
    });
    connect(&m_job, &RunJob::progress, this, &RunPage::onProgress);
    connect(&m_job, &RunJob::resultAvailable, this, &RunPage::onFinished);
    connect(&m_job, &RunJob::failed, this, &RunPage::onFailed);
    connect(&session, &WorkbenchSession::poolChanged, this, &RunPage::rebuildStrategies);
    connect(&session, &WorkbenchSession::tasksChanged, this, &RunPage::describeInputs);
    rebuildStrategies();
    refreshResumable();
}

void RunPage::rebuildStrategies() {
    for (auto& [name, box] : m_strategies)
        delete box;
    m_strategies.clear();
    for (const auto& [name, config] : m_session.pool().strategies) {
        auto* box = new QCheckBox(QString::fromStdString(name + "  (" + config.kind + ")"), m_what);
        box->setChecked(true);
        m_strategies[name] = box;
        m_whatLayout->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &RunPage::showEstimate);
    }
    m_budget->setValue(m_session.pool().constraints.budgetPerRunUsd.value_or(10));
    describeInputs();
}

void RunPage::describeInputs() {
    const core::Pool& pool = m_session.pool();
    m_inputs->setText(tr("<h2>Run</h2>Pool <b>%1</b> (%2 models) over <b>%3</b> (%4 items), in %5.%6")
                          .arg(QString::fromStdString(pool.name).toHtmlEscaped())
                          .arg(pool.models.size())
                          .arg(QString::fromStdString(m_session.tasks().name).toHtmlEscaped())
                          .arg(m_session.tasks().items.size())
                          .arg(m_session.path().toHtmlEscaped())
                          .arg(hasSimulatedModels(pool)
                                   ? tr(" Models of provider <i>sim</i> are SIMULATED by the built-in simulator; "
                                        "they need no key.")
                                   : QString()));
    showEstimate();
}

core::RunSettings RunPage::settings() const {
    core::RunSettings s;
    s.baselines = m_baselines->isChecked();
    for (const auto& [name, box] : m_strategies)
        if (box->isChecked()) s.strategies.push_back(name);
    s.maxCost = core::Money::fromUsd(m_budget->value());
    s.concurrency = m_concurrency->value();
    s.stream = m_stream->isChecked();
    return s;
}

void RunPage::selectStrategies(const QStringList& names) {
    for (const auto& [name, box] : m_strategies)
        box->setChecked(names.contains(QString::fromStdString(name)));
}

void RunPage::setConfirmAbove(double usd) {
    m_confirmAbove->setValue(usd);
}

QString RunPage::statusText() const {
    return m_status->text();
}

QString RunPage::describe(const core::RunEstimate& e) {
    QString text = tr("%1 jobs, %2 to %3 (about %4)").arg(e.jobs).arg(usd(e.low), usd(e.high), usd(e.expected));
    if (e.cachedJobs)
        text += tr("; %1 of them answered by earlier runs with the same models and settings: the response cache "
                   "answers them again, at no cost")
                    .arg(e.cachedJobs);
    if (!e.unpriced.empty()) text += tr("; no price for %1").arg(QString::fromStdString(e.unpriced.front()));
    return text;
}

void RunPage::showEstimate() {
    auto reader = m_session.reader();
    if (!reader) return m_estimate->setText(QString::fromStdString(reader.error().describe()));
    // Off the GUI thread: reading which jobs earlier runs answered takes a while on a big workspace.
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    m_estimate->setText(tr("estimating..."));
    using Estimate = core::Result<core::RunEstimate>;
    m_estimateJob.run<Estimate>(
        [db, pool = m_session.pool(), tasks = m_session.tasks(), s = settings()](std::stop_token,
                                                                                const JobRunner::Progress&) {
            return core::estimateWithCache(*db, pool, tasks, s, core::PriceBook::bundled());
        },
        [this, key = settingsKey(settings())](const Estimate& e) {
            m_lastEstimate = e ? std::optional(*e) : std::nullopt;
            m_estimatedFor = key;
            m_estimate->setText(e ? describe(*e) : QString::fromStdString(e.error().describe()));
            emit estimateReady();
        });
}

QString RunPage::settingsKey(const core::RunSettings& s) {
    QStringList parts{s.baselines ? "baselines" : "-"};
    for (const auto& name : s.strategies)
        parts << QString::fromStdString(name);
    return parts.join('\n');
}

QString RunPage::estimateText() const {
    return m_estimate->text();
}

QList<qint64> RunPage::resumableRuns() const {
    QList<qint64> ids;
    for (int i = 0; i < m_resumable->count(); ++i)
        ids << m_resumable->itemData(i).toLongLong();
    return ids;
}

void RunPage::refreshResumable() {
    auto reader = m_session.reader();
    if (!reader) {
        m_resumable->clear();
        m_resume->setEnabled(false);
        return;
    }
    // Every run of the workspace is read (snapshots included): off the GUI thread.
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    struct Resumable {
        qint64 id;
        QString label;
    };
    using Listed = std::vector<Resumable>;
    m_resumableJob.run<Listed>(
        [db](std::stop_token, const JobRunner::Progress&) {
            Listed listed;
            auto runs = core::listRuns(*db);
            if (runs)
                for (auto it = runs->rbegin(); it != runs->rend(); ++it)
                    if (it->status != core::RunStatus::Completed) {
                        // Why it stopped, as recorded: "cancelled: the workbench was closed during the run".
                        QString status = QString::fromStdString(core::toString(it->status));
                        QString why = QString::fromStdString(it->stopReason);
                        if (!why.isEmpty()) status = why.startsWith(status) ? why : status + ": " + why;
                        QString when = QDateTime::fromMSecsSinceEpoch(it->createdAtMs).toString("yyyy-MM-dd hh:mm");
                        listed.push_back({it->id, tr("Run %1 (%2, %3)").arg(it->id).arg(status, when)});
                    }
            return listed;
        },
        [this](const Listed& listed) {
            m_resumable->clear();
            for (const auto& run : listed)
                m_resumable->addItem(run.label, run.id);
            m_resume->setEnabled(m_resumable->count() > 0 && !m_job.running());
            emit resumableListed();
        });
}

bool RunPage::startRun() {
    return check(settings(), false);
}

bool RunPage::check(const core::RunSettings& s, bool confirmed) {
    if (m_job.running() || m_startCheck.isBusy()) return false;
    auto reader = m_session.reader();
    if (!reader) return refuse(QString::fromStdString(reader.error().describe()));
    // Off the GUI thread: which baselines exist, keys, prices and the cached estimate read the workspace.
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    m_run->setEnabled(false);
    m_status->setText(tr("Checking strategies, keys and prices, and estimating the cost..."));
    m_startCheck.run<core::RunStartCheck>(
        [db, pool = m_session.pool(), tasks = m_session.tasks(), s, env = m_session.environment()](
            std::stop_token, const JobRunner::Progress&) {
            return core::checkRunStart(*db, pool, tasks, s, env, core::PriceBook::bundled());
        },
        [this, s, confirmed](const core::RunStartCheck& c) { decide(s, c, confirmed); });
    return true;
}

void RunPage::decide(const core::RunSettings& s, const core::RunStartCheck& c, bool confirmed) {
    auto declined = [this] {
        m_afterBaselines.reset();
        m_run->setEnabled(true);
        m_status->setText(tr("Not started."));
        emit startDecided(false);
    };
    if (!c.allowed) {
        m_afterBaselines.reset();
        refuse(QString::fromStdString(c.allowed.error().describe()));
        return emit startDecided(false);
    }
    core::RunSettings now = s;
    if (c.baselinesFirst && !confirmed) {
        // One question for the whole run: the baselines first, then the strategies, one estimate.
        if (!confirm(tr("Similarity routing learns from a baseline run, and this workspace has none yet: the "
                        "baselines run first, then the strategies. Together: %1, capped at %2 per run. Start?")
                         .arg(describe(c.estimate), usd(*s.maxCost))))
            return declined();
        now.strategies.clear();
        now.baselines = true;
        m_afterBaselines = s;
    } else if (!confirmed && c.estimate.high.usd() > m_confirmAbove->value() &&
               !confirm(tr("This run may cost up to %1 (about %2), capped at %3. Start it?\n\nEstimate: %4")
                            .arg(usd(c.estimate.high), usd(c.estimate.expected), usd(*s.maxCost),
                                 describe(c.estimate)))) {
        return declined();
    }
    if (!m_job.start(m_session.runInputs(), m_session.pool(), m_session.tasks(), now, m_session.environment())) {
        m_afterBaselines.reset();
        m_run->setEnabled(true);
        return emit startDecided(false);
    }
    setRunning(true);
    m_status->setText(now.strategies.empty() && m_afterBaselines ? tr("Running the baselines first...")
                                                                 : tr("Starting..."));
    emit startDecided(true);
}

bool RunPage::resumeRun(qint64 runId) {
    auto reader = m_session.reader();
    auto run = reader ? core::loadRun(**reader, runId) : std::unexpected(reader.error());
    if (!run) return refuse(QString::fromStdString(run.error().describe()));
    // The run's own pool says which keys it needs.
    auto pool = core::parsePool(run->poolSnapshot.dump(), "run " + std::to_string(runId));
    core::RunEnvironment env = m_session.environmentFor(pool ? pool->pool : m_session.pool());
    if (!m_job.resume(m_session.runInputs(), runId, core::Money::fromUsd(m_budget->value()), std::move(env)))
        return false;
    setRunning(true);
    m_status->setText(tr("Resuming run %1: finished calls are reused, not sent again...").arg(runId));
    return true;
}

bool RunPage::confirmStop() {
    if (!m_job.running()) return true;
    return confirm(tr("A run is in progress (%1). Stop it and close? Finished calls are kept: Resume continues the "
                      "run later without sending them again.")
                       .arg(m_status->text()));
}

void RunPage::stopRun(const QString& reason) {
    if (!m_job.running()) return;
    m_afterBaselines.reset();
    m_job.cancel(reason);
    m_status->setText(tr("Stopping: %1...").arg(reason));
}

void RunPage::waitForStop() {
    m_job.wait();
}

void RunPage::cancelRun() {
    m_afterBaselines.reset();
    m_job.cancel(tr("by the user (Cancel)"));
    m_status->setText(tr("Cancelling: calls in flight are stopped, finished ones are kept."));
}

void RunPage::setRunning(bool running) {
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_resume->setEnabled(!running && m_resumable->count() > 0);
    if (running) m_bar->setRange(0, 0);
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
    setRunning(false);
    m_bar->setRange(0, 1);
    m_bar->setValue(1);
    m_status->setText(tr("Run %1 %2: %3 answered, %4 failed, %5 incomplete; %6 spent. %7")
                          .arg(s.runId)
                          .arg(QString::fromStdString(s.status))
                          .arg(s.completed)
                          .arg(s.failed)
                          .arg(s.incomplete)
                          .arg(usd(s.spent), QString::fromStdString(s.stopReason)));
    refreshResumable();
    m_session.announceRunsChanged();
    emit stopped();
    if (auto next = std::exchange(m_afterBaselines, std::nullopt); next && s.status == "completed") {
        check(*next, true); // the strategies, now that their baseline run exists: asked once already
        return;
    }
    emit runFinished(s.runId);
}

bool RunPage::refuse(const QString& message) {
    onFailed(message);
    return false;
}

void RunPage::onFailed(const QString& message) {
    setRunning(false);
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_status->setText(tr("The run could not start or stopped:\n%1").arg(message));
    refreshResumable();
    emit stopped();
}

} // namespace baton::ui
