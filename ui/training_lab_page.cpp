// SPDX-License-Identifier: MIT
#include "training_lab_page.h"
#include "model/money_text.h"
#include "pool_document.h"
#include "store/task_set_store.h"
#include "strategies/coordinator_strategy.h"
#include "strategies/policy_object.h"
#include "train_actions.h"
#include "training/lambda_sweep.h"
#include "workbench_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <mutex>

namespace baton::ui {

/// The generations a training has reported so far; its thread appends, the GUI thread reads.
struct TrainingLabPage::Live {
    std::mutex mutex;
    std::vector<std::pair<double, core::GenerationPoint>> points; ///< lambda, point
    bool sweep = false;
};

struct TrainingLabPage::Trained {
    std::optional<core::TrainingReport> report;
    std::vector<core::TrainingReport> sweep; ///< a sweep's trainings, each saved (report: the last)
    QString error;
};

namespace {

QString usd(const std::optional<core::Money>& m) {
    return QString::fromStdString(core::formatUsd(m));
}

// A lower bound is not the cost: with an item of unknown cost the figure is unknown, as on the sweep chart.
std::optional<core::Money> perItemCost(const core::RolloutFigures& f) {
    if (f.costUnknownItems > 0) return std::nullopt;
    return core::Money::fromUsd(f.costPerItem);
}

QTableView* tableOf(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
    return view;
}

} // namespace

TrainingLabPage::TrainingLabPage(WorkbenchSession& session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_pool = new QLabel(this);
    m_taskSet = new QComboBox(this);
    m_taskSet->setObjectName("taskSet");
    m_taskSet->setToolTip(tr("Split by the seed into training (50%), validation (25%) and test (25%) items, "
                             "stratified by category"));
    auto* row = new QHBoxLayout;
    m_tier = new QComboBox(this);
    m_tier->setObjectName("tier");
    m_tier->addItem(tr("ultra (plan, verify, synthesize; up to 6 calls)"), "ultra");
    m_tier->addItem(tr("mini (answer or stop; at most 2 calls)"), "mini");
    m_lambda = new QDoubleSpinBox(this);
    m_lambda->setObjectName("lambda");
    m_lambda->setRange(0, 1e6);
    m_lambda->setDecimals(3);
    m_lambda->setSingleStep(0.1);
    m_lambda->setValue(0.5);
    m_lambda->setToolTip(tr("reward = grade - lambda x cost / reference (the dearest model answering alone)"));
    m_lambdas = new QLineEdit(this);
    m_lambdas->setObjectName("lambdas");
    m_lambdas->setPlaceholderText(tr("or a sweep: 0.02, 0.05, 0.1"));
    m_lambdas->setToolTip(tr("Several lambdas train one policy each (one budget for all), each saved as it is "
                             "trained, and draw them on the cost-quality plane next to every model alone"));
    m_nested = new QCheckBox(tr("nested plans"), this);
    m_nested->setObjectName("nested");
    m_nested->setToolTip(tr("The policy may plan a sub-task of its plan again (recursion depth 2; the depth becomes "
                            "a feature). Ultra only."));
    row->addWidget(m_tier);
    row->addWidget(m_nested);
    row->addWidget(new QLabel(tr("lambda"), this));
    row->addWidget(m_lambda);
    row->addWidget(m_lambdas, 1);
    auto* schedule = new QHBoxLayout;
    m_generations = new QSpinBox(this);
    m_generations->setObjectName("generations");
    m_generations->setRange(1, 10000);
    m_generations->setValue(40);
    m_patience = new QSpinBox(this);
    m_patience->setObjectName("patience");
    m_patience->setRange(1, 10000);
    m_patience->setValue(8);
    m_patience->setToolTip(tr("Stops when the validation reward has not improved for this many generations"));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName("seed");
    m_seed->setRange(0, std::numeric_limits<int32_t>::max());
    m_seed->setValue(1);
    schedule->addWidget(new QLabel(tr("generations"), this));
    schedule->addWidget(m_generations);
    schedule->addWidget(new QLabel(tr("patience"), this));
    schedule->addWidget(m_patience);
    schedule->addWidget(new QLabel(tr("seed"), this));
    schedule->addWidget(m_seed);
    schedule->addStretch(1);
    m_maxCost = new QDoubleSpinBox(this);
    m_maxCost->setObjectName("maxCost");
    m_maxCost->setRange(0, core::kMaxBudgetUsd);
    m_maxCost->setDecimals(4);
    m_maxCost->setPrefix("$");
    m_maxCost->setSpecialValueText(tr("required"));
    m_maxCost->setToolTip(tr("The training budget: real pools cost money; it is never exceeded"));
    m_name = new QLineEdit("coordinator-ultra", this);
    m_name->setObjectName("name");
    form->addRow(tr("Pool:"), m_pool);
    form->addRow(tr("Task set:"), m_taskSet);
    form->addRow(tr("Tier:"), row);
    form->addRow(tr("Schedule:"), schedule);
    form->addRow(tr("Training budget:"), m_maxCost);
    form->addRow(tr("Name:"), m_name);
    layout->addLayout(form);

    m_actions = new TrainActions(
        {tr("Start"), tr("Save policy"), tr("Saves it in the workspace as the next version of its name"),
         tr("Adds the saved policy to the pool on the Pools page (undoable there)"),
         tr("Stops training; the policy best on validation so far is kept"), tr("Set a training budget, then start.")},
        m_runner, this);
    layout->addWidget(m_actions);
    connect(m_actions, &TrainActions::failed, this, &TrainingLabPage::failed);
    m_stopReason = new QLabel(this);
    m_stopReason->setObjectName("stopReason");
    m_stopReason->setWordWrap(true);
    layout->addWidget(m_stopReason);

    auto* results = new QSplitter(Qt::Vertical, this);
    m_chartTabs = new QTabWidget(results);
    auto* charts = new QSplitter(Qt::Horizontal, m_chartTabs);
    m_chartTabs->addTab(charts, tr("Training"));
    m_models = new ActionSharesView(ActionSharesView::Shares::FirstModels, m_chartTabs);
    m_chartTabs->addTab(m_models, tr("Models chosen"));
    m_sweepView = new LambdaSweepView(m_chartTabs);
    m_chartTabs->addTab(m_sweepView, tr("Lambda sweep"));
    m_curve = new TrainingCurveView(charts);
    m_shares = new ActionSharesView(ActionSharesView::Shares::Actions, charts);
    for (QWidget* w : {static_cast<QWidget*>(m_curve), static_cast<QWidget*>(m_shares)})
        w->setMinimumHeight(220);
    auto* tables = new QSplitter(Qt::Horizontal, results);
    tableOf(&m_figures, tables);
    tableOf(&m_behaviour, tables);
    for (auto* halves : {charts, tables})
        halves->setSizes({1000, 1000});
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);
    layout->addWidget(results, 1);

    connect(m_tier, &QComboBox::currentIndexChanged, this, [this] {
        QString tier = m_tier->currentData().toString();
        m_nested->setEnabled(tier == "ultra");
        if (m_name->text().startsWith("coordinator-")) m_name->setText("coordinator-" + tier);
    });
    connect(m_lambdas, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_lambda->setEnabled(text.trimmed().isEmpty()); });
    connect(m_sweepView, &LambdaSweepView::chosenChanged, this, &TrainingLabPage::chooseSweepPolicy);
    connect(m_actions->trainButton(), &QPushButton::clicked, this, &TrainingLabPage::train);
    connect(m_actions->cancelButton(), &QPushButton::clicked, this, &TrainingLabPage::cancel);
    connect(m_actions->saveButton(), &QPushButton::clicked, this, &TrainingLabPage::save);
    connect(m_actions->addButton(), &QPushButton::clicked, this, [this] { addToPool(); });
    connect(&m_runner, &JobRunner::progress, this, [this](int done, int total) {
        m_actions->progressBar()->setRange(0, total);
        m_actions->progressBar()->setValue(done);
        showGenerations();
    });
    connect(&m_session, &WorkbenchSession::poolChanged, this, &TrainingLabPage::showPool);
    connect(&m_session, &WorkbenchSession::tasksChanged, this, &TrainingLabPage::refreshTaskSets);
    showPool();
    refreshTaskSets();
}

void TrainingLabPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!m_runner.isBusy()) refreshTaskSets(); // a set imported meanwhile
}

void TrainingLabPage::showPool() {
    const core::Pool& pool = m_session.pool();
    m_pool->setText(tr("%1 (%2 models), the pool the Run page uses")
                        .arg(QString::fromStdString(pool.name))
                        .arg(pool.models.size()));
}

void TrainingLabPage::refreshTaskSets() {
    auto reader = m_session.reader();
    if (!reader) return setStatus(QString::fromStdString(reader.error().describe()));
    auto sets = core::listTaskSets(**reader);
    if (!sets) return setStatus(QString::fromStdString(sets.error().describe()));
    QString current = m_taskSet->currentData().toString();
    QString inUse = QString::fromStdString(m_session.tasks().contentHash());
    m_taskSet->clear();
    for (const auto& s : *sets)
        m_taskSet->addItem(tr("%1 (%2 items, %3 categories)")
                               .arg(QString::fromStdString(s.name))
                               .arg(s.itemCount)
                               .arg(s.categories.size()),
                           QString::fromStdString(s.contentHash));
    int index = m_taskSet->findData(current.isEmpty() ? inUse : current);
    if (index < 0) index = m_taskSet->findData(inUse);
    m_taskSet->setCurrentIndex(std::max(index, 0));
}

std::optional<core::TrainingOptions> TrainingLabPage::options(QString* problem) const {
    auto refuse = [&](const QString& why) -> std::optional<core::TrainingOptions> {
        if (problem) *problem = why;
        return std::nullopt;
    };
    core::TrainingOptions o;
    o.name = m_name->text().trimmed().toStdString();
    if (!core::CoordinatorStrategy::parsePolicyRef(o.name) || o.name.find('@') != std::string::npos)
        return refuse(tr("Give the policy a name without spaces or '@': it is saved as name@version."));
    if (m_maxCost->value() <= 0)
        return refuse(tr("Set a training budget: real pools cost money, and training never spends more than it."));
    o.tier = *core::coordinatorTierFromString(m_tier->currentData().toString().toStdString());
    o.maxDepth = o.tier == core::CoordinatorTier::Ultra && m_nested->isChecked() ? core::CoordinatorPolicy::kMaxDepth : 1;
    o.lambda = m_lambda->value();
    o.generations = m_generations->value();
    o.patience = m_patience->value();
    o.seed = uint64_t(m_seed->value());
    o.budget = core::Money::fromUsd(m_maxCost->value());
    o.cmaesModule = qEnvironmentVariable(core::kCmaesModuleVariable).toStdString(); // read here: core never does
    return o;
}

std::optional<std::vector<double>> TrainingLabPage::lambdas(QString* problem) const {
    QString text = m_lambdas->text().trimmed();
    if (text.isEmpty()) return std::vector<double>{m_lambda->value()};
    auto parsed = core::parseLambdaList(text.toStdString());
    if (!parsed) {
        if (problem) {
            *problem = QString::fromStdString(parsed.error().message) + '.';
            (*problem)[0] = problem->at(0).toUpper();
        }
        return std::nullopt;
    }
    std::vector<double> out = std::move(*parsed);
    std::sort(out.begin(), out.end()); // the sweep and its plane in lambda order
    return out;
}

void TrainingLabPage::train() {
    QString problem;
    auto o = options(&problem);
    if (!o) return setStatus(problem);
    auto lambdaList = lambdas(&problem);
    if (!lambdaList) return setStatus(problem);
    o->lambda = lambdaList->front();
    if (m_taskSet->currentIndex() < 0)
        return setStatus(tr("The workspace has no task set: import one on the Tasks page."));
    auto reader = m_session.reader();
    if (!reader) return setStatus(QString::fromStdString(reader.error().describe()));
    std::shared_ptr<core::SqliteDb> db(std::move(*reader));
    m_saver.cancel(); // a save still under way no longer reports to this page
    m_report.reset();
    m_sweep.clear();
    m_sweepView->clear();
    m_budget = o->budget;
    m_behaviour.setBehaviour({});
    m_figures.setRows({});
    m_shares->setBehaviour(m_behaviour);
    m_models->setBehaviour(m_behaviour);
    m_curve->reset(o->generations);
    m_stopReason->clear();
    m_actions->allow(false, false);
    m_actions->progressBar()->setRange(0, o->generations);
    m_actions->progressBar()->setValue(0);
    m_live = std::make_shared<Live>();
    m_live->sweep = lambdaList->size() > 1;
    m_pointsShown = 0;
    m_curveLambda = o->lambda;
    bool sweep = lambdaList->size() > 1;
    QString what = sweep ? tr("Sweeping %1 over %2 lambdas").arg(QString::fromStdString(o->name)).arg(lambdaList->size())
                         : tr("Training %1").arg(QString::fromStdString(o->name));
    setStatus(tr("%1 on %2 with the pool %3, budget %4...")
                  .arg(what, m_taskSet->currentText(), QString::fromStdString(m_session.pool().name), usd(o->budget)));
    m_abort = std::stop_source(); // Cancel finishes the generation and tests; closing aborts the calls
    m_runner.run<Trained>(
        [&writer = m_session.writer(), db, pool = m_session.pool(), env = m_session.environment(),
         hash = m_taskSet->currentData().toString().toStdString(), o = *o, lambdas = *lambdaList, live = m_live,
         abort = m_abort.get_token()](std::stop_token stop, const JobRunner::Progress& progress) {
            Trained out;
            auto tasks = core::loadTaskSet(*db, hash);
            if (!tasks) return out.error = QString::fromStdString(tasks.error().describe()), out;
            core::RunInputs inputs{writer, *db, core::PriceBook::bundled()};
            auto reportPoint = [&](double lambda, const core::GenerationPoint& p) {
                {
                    std::lock_guard lock(live->mutex);
                    live->points.emplace_back(lambda, p);
                }
                progress(p.generation, o.generations);
            };
            if (lambdas.size() > 1) {
                auto sweep = core::sweepLambdas(
                    inputs, pool, *tasks, o, lambdas, env, stop, reportPoint,
                    [&writer](core::TrainingReport& r) { return core::saveTrainedPolicy(writer, r); },
                    abort);
                // A failure keeps the trainings before it: they are saved, and shown with the failure.
                if (sweep.error) out.error = QString::fromStdString(sweep.error->describe());
                if (sweep.reports.empty()) {
                    if (out.error.isEmpty()) out.error = tr("The sweep ended before its first training.");
                    return out;
                }
                out.report = sweep.reports.back();
                out.sweep = std::move(sweep.reports);
                return out;
            }
            auto report = core::trainCoordinator(
                inputs, pool, *tasks, o, env, stop, [&](const core::GenerationPoint& p) { reportPoint(o.lambda, p); },
                abort);
            if (!report) return out.error = QString::fromStdString(report.error().describe()), out;
            out.report = std::move(*report);
            return out;
        },
        [this](const Trained& result) { showTrained(result); });
}

TrainingLabPage::~TrainingLabPage() {
    m_abort.request_stop(); // before m_runner's destructor cancels the job and waits for it
}

void TrainingLabPage::cancel() {
    if (!m_runner.isBusy()) return;
    m_runner.finish();
    setStatus(tr("Cancelling: the policy best on validation so far is kept and tested..."));
}

void TrainingLabPage::showGenerations() {
    if (!m_live) return;
    std::vector<std::pair<double, core::GenerationPoint>> fresh;
    {
        std::lock_guard lock(m_live->mutex);
        fresh.assign(m_live->points.begin() + ptrdiff_t(std::min(m_pointsShown, m_live->points.size())),
                     m_live->points.end());
    }
    m_pointsShown += fresh.size();
    for (const auto& [lambda, p] : fresh) {
        if (lambda != m_curveLambda) { // a sweep's next training: the chart shows one at a time
            m_curve->reset(m_generations->value());
            m_curveLambda = lambda;
        }
        m_curve->addPoint(p);
        QString which =
            m_live->sweep ? tr("lambda %1, ").arg(QString::fromStdString(core::lambdaText(lambda))) : QString();
        setStatus(which + tr("Generation %1 of at most %2: validation reward %3, accuracy %4%; spent %5 of %6, %7 HTTP "
                             "requests (%8 calls answered from memory), %9 s")
                              .arg(p.generation)
                              .arg(m_generations->value())
                              .arg(p.validation.reward, 0, 'f', 4)
                              .arg(100 * p.validation.accuracy, 0, 'f', 1)
                              .arg(usd(p.spent), m_budget ? usd(m_budget) : QString("?"))
                              .arg(p.httpRequests)
                              .arg(p.memoHits)
                              .arg(p.seconds, 0, 'f', 0));
        emit generationShown(p.generation);
    }
}

void TrainingLabPage::showTrained(const Trained& result) {
    showGenerations(); // any point whose progress call was still queued
    m_live.reset();
    if (!result.report) {
        return m_actions->fail(result.error);
    }
    m_report = result.report;
    m_sweep = result.sweep;
    showReport();
    const core::TrainingReport& r = *m_report;
    int generations = r.curve.empty() ? 0 : r.curve.back().generation; // the curve starts at the warm start, 0
    if (!m_sweep.empty()) {
        QStringList ids;
        core::Money spent;
        int64_t requests = 0;
        for (const auto& t : m_sweep) {
            ids << tr("%1 (lambda %2)")
                       .arg(QString::fromStdString(t.policy.id()), QString::fromStdString(core::lambdaText(t.policy.lambda)));
            spent += t.spent;
            requests += t.httpRequests;
        }
        m_sweepView->setSweep(core::sweepCostQuality(m_sweep), ids, int(m_sweep.size()) - 1);
        m_chartTabs->setCurrentWidget(m_sweepView);
        QString done = tr("Sweep of %1 lambdas: saved %2; spent %3 in all, %4 HTTP requests. Choose a policy on the "
                          "Lambda sweep tab to see its figures or add it to a pool.")
                           .arg(m_sweep.size())
                           .arg(ids.join(", "))
                           .arg(usd(spent))
                           .arg(requests);
        if (!result.error.isEmpty()) done = tr("The sweep stopped: %1. %2").arg(result.error, done);
        setStatus(done);
        m_actions->allow(true, true); // each was saved as it was trained
    } else {
        setStatus(tr("Training run %1: %2 generations, best on validation at generation %3; spent %4, %5 HTTP "
                     "requests, %6 calls asked (%7 answered from memory), %8 s. Not saved yet.")
                      .arg(r.runId)
                      .arg(generations)
                      .arg(r.bestGeneration)
                      .arg(usd(r.spent))
                      .arg(r.httpRequests)
                      .arg(r.asked)
                      .arg(r.memoHits)
                      .arg(r.seconds, 0, 'f', 1));
        m_actions->allow(true, false);
    }
    m_session.announceRunsChanged(); // the training runs are in the workspace's run list
    emit trained();
}

void TrainingLabPage::showReport() {
    const core::TrainingReport& r = *m_report;
    QString id = QString::fromStdString(r.policy.version > 0 ? r.policy.id() : r.policy.name);
    std::vector<RolloutFiguresModel::Row> rows{{tr("%1 (kept, generation %2)").arg(id).arg(r.bestGeneration), r.test},
                                               {tr("planner-decides (untrained)"), r.plannerDecidesTest}};
    for (const auto& [model, figures] : r.singleModelsTest)
        rows.push_back({tr("%1 alone").arg(QString::fromStdString(model)), figures});
    m_figures.setRows(std::move(rows));
    int generations = r.curve.empty() ? 0 : r.curve.back().generation;
    m_behaviour.setBehaviour(r.test.byCategory);
    m_shares->setBehaviour(m_behaviour);
    m_models->setBehaviour(m_behaviour);
    m_stopReason->setText(r.stopReason.empty() ? tr("Ran all %1 generations.").arg(generations)
                                               : tr("Stopped: %1.").arg(QString::fromStdString(r.stopReason)));
}

void TrainingLabPage::chooseSweepPolicy(int index) {
    if (index < 0 || size_t(index) >= m_sweep.size() || m_runner.isBusy()) return;
    m_report = m_sweep[size_t(index)];
    showReport();
    if (m_sweepView->chosen() != index) m_sweepView->choose(index);
    setStatus(tr("Showing %1: test accuracy %2%, %3 per item. Add to pool adds it.")
                  .arg(QString::fromStdString(m_report->policy.id()))
                  .arg(100 * m_report->test.accuracy, 0, 'f', 1)
                  .arg(usd(perItemCost(m_report->test))));
}

void TrainingLabPage::save() {
    if (!m_report) return setStatus(tr("Train a policy first."));
    saveVersioned(
        m_saver, m_session.writer(),
        [policy = m_report->policy](core::SqliteDb& db) {
            return core::saveCoordinatorPolicy(db, policy, QDateTime::currentMSecsSinceEpoch());
        },
        [this](int version, const QString& error) {
            if (!error.isEmpty()) return m_actions->fail(error);
            m_report->policy.version = version;
            QString id = QString::fromStdString(m_report->policy.id());
            setStatus(tr("Saved in the workspace as %1 (Save again makes the next version).").arg(id));
            m_actions->allow(true, true);
            emit saved(id);
        });
}

bool TrainingLabPage::addToPool(QString* error) {
    auto refuse = [&](const QString& why) { return m_actions->refuse(why, error); };
    if (!m_report || m_report->policy.version == 0) return refuse(tr("Save the policy to the workspace first."));
    if (!m_document) return refuse(tr("No pool is being edited: open one on the Pools page."));
    const core::CoordinatorPolicy& policy = m_report->policy;
    QStringList missing;
    for (const auto& m : policy.models)
        if (!m_document->pool().findModel(m)) missing << QString::fromStdString(m);
    if (!missing.isEmpty())
        return refuse(tr("The pool \"%1\" lacks %2, which the policy chooses from; add them or train on this pool.")
                          .arg(QString::fromStdString(m_document->pool().name), missing.join(", ")));
    core::StrategyConfig config{"coordinator",
                                {{"kind", "coordinator"},
                                 {"policy", policy.id()},
                                 {"tier", core::toString(policy.tier)},
                                 {"lambda", policy.lambda}}};
    std::string name =
        m_document->addStrategy(policy.name, config, tr("Add coordinator %1").arg(QString::fromStdString(policy.id())));
    setStatus(tr("Added to pool \"%1\" as strategy \"%2\" (Edit > Undo on the Pools page takes it back).")
                  .arg(QString::fromStdString(m_document->pool().name), QString::fromStdString(name)));
    return true;
}

QString TrainingLabPage::status() const {
    return m_actions->status();
}

QString TrainingLabPage::stopReason() const {
    return m_stopReason->text();
}

void TrainingLabPage::setStatus(const QString& text) {
    m_actions->setStatus(text);
}

} // namespace baton::ui
