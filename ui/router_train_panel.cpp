// SPDX-License-Identifier: MIT
#include "router_train_panel.h"
#include "pool_document.h"
#include "router_charts.h"
#include "strategies/router_strategy.h"
#include "train_actions.h"
#include "workbench_session.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace baton::ui {

struct RouterTrainPanel::Trained {
    std::optional<core::RouterArtifact> artifact;
    core::RouterReport report;
    QString error;
};

namespace {

enum TargetChoice { BestAccuracy, CostPerItem, StrongShare, CostCap, FixedLambda };

void replaceChart(QChartView* view, QChart* chart) {
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

} // namespace

RouterTrainPanel::RouterTrainPanel(WorkbenchSession& session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_learner = new QComboBox(this);
    m_learner->setObjectName("learner");
    m_learner->addItem(tr("logistic regression per model (liblinear, L2)"), "logistic");
    m_learner->addItem(tr("matrix factorisation (RouteLLM's mf, N models)"), "mf");
    m_features = new QComboBox(this);
    m_features->setObjectName("features");
    m_features->addItem(tr("hashed TF-IDF of the prompt + category"), "hashed");
    m_calibration = new QComboBox(this);
    m_calibration->setObjectName("calibration");
    m_calibration->addItem(tr("Platt (a sigmoid of the score)"), "platt");
    m_calibration->addItem(tr("isotonic (any non-decreasing map; wants more validation items)"), "isotonic");
    m_calibration->setToolTip(tr("Fitted on the validation split"));
    auto* split = new QHBoxLayout;
    m_testShare = new QDoubleSpinBox(this);
    m_testShare->setObjectName("testShare");
    m_testShare->setRange(0.05, 0.8);
    m_testShare->setSingleStep(0.05);
    m_testShare->setValue(0.2);
    m_testShare->setToolTip(tr("Held out for the figures below; never seen in training"));
    m_validationShare = new QDoubleSpinBox(this);
    m_validationShare->setObjectName("validationShare");
    m_validationShare->setRange(0.05, 0.8);
    m_validationShare->setSingleStep(0.05);
    m_validationShare->setValue(0.2);
    m_validationShare->setToolTip(tr("Share of what the test split leaves: calibration and the choice of lambda"));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName("seed");
    m_seed->setRange(1, 1'000'000);
    split->addWidget(new QLabel(tr("test"), this));
    split->addWidget(m_testShare);
    split->addWidget(new QLabel(tr("validation"), this));
    split->addWidget(m_validationShare);
    split->addWidget(new QLabel(tr("seed"), this));
    split->addWidget(m_seed);
    split->addStretch(1);
    auto* target = new QHBoxLayout;
    m_target = new QComboBox(this);
    m_target->setObjectName("target");
    m_target->addItem(tr("best accuracy on validation"), BestAccuracy);
    m_target->addItem(tr("cost per item (USD) of at most"), CostPerItem);
    m_target->addItem(tr("share of calls to the strongest model of at most"), StrongShare);
    m_target->addItem(tr("best accuracy under a cost cap (USD per item)"), CostCap);
    m_target->addItem(tr("fixed lambda"), FixedLambda);
    m_targetValue = new QDoubleSpinBox(this);
    m_targetValue->setObjectName("targetValue");
    m_targetValue->setDecimals(6);
    m_targetValue->setRange(0, 1e6);
    m_targetValue->setEnabled(false);
    target->addWidget(m_target);
    target->addWidget(m_targetValue);
    target->addStretch(1);
    m_name = new QLineEdit("router", this);
    m_name->setObjectName("name");
    form->addRow(tr("Learner:"), m_learner);
    form->addRow(tr("Features:"), m_features);
    form->addRow(tr("Calibration:"), m_calibration);
    form->addRow(tr("Split:"), split);
    form->addRow(tr("Target:"), target);
    form->addRow(tr("Name:"), m_name);
    layout->addLayout(form);

    m_actions = new TrainActions({tr("Train"), tr("Save to workspace"), {},
                                  tr("Adds the saved router at its lambda to the pool on the Pools page (undoable there)"),
                                  {}, tr("Choose a matrix or a run above, then train.")},
                                 m_runner, this);
    m_actions->progressBar()->setRange(0, 1000);
    layout->addWidget(m_actions);
    connect(m_actions, &TrainActions::failed, this, &RouterTrainPanel::failed);

    auto* results = new QSplitter(Qt::Vertical, this);
    auto* charts = new QSplitter(Qt::Horizontal, results);
    m_curve = new QChartView(charts);
    m_reliability = new QChartView(charts);
    for (auto* view : {m_curve, m_reliability}) view->setRenderHint(QPainter::Antialiasing), view->setMinimumHeight(200);
    auto* view = new QTableView(results);
    view->setModel(&m_table);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);
    layout->addWidget(results, 1);

    connect(m_target, &QComboBox::currentIndexChanged, this,
            [this] { m_targetValue->setEnabled(m_target->currentData().toInt() != BestAccuracy); });
    connect(m_actions->trainButton(), &QPushButton::clicked, this, &RouterTrainPanel::train);
    connect(m_actions->cancelButton(), &QPushButton::clicked, this, &RouterTrainPanel::cancel);
    connect(m_actions->saveButton(), &QPushButton::clicked, this, &RouterTrainPanel::save);
    connect(m_actions->addButton(), &QPushButton::clicked, this, [this] { addToPool(); });
    connect(&m_runner, &JobRunner::progress, m_actions->progressBar(), &QProgressBar::setValue);
    connect(&m_runner, &JobRunner::cancelled, this, [this] { setStatus(tr("Cancelled.")); });
}

void RouterTrainPanel::setMatrix(std::shared_ptr<const core::OutcomeMatrix> matrix) {
    m_runner.cancel();
    m_matrix = std::move(matrix);
    m_artifact.reset();
    m_actions->allow(false, false);
    if (m_matrix && m_name->text() == "router") m_name->setText(QString::fromStdString(m_matrix->name + "-router"));
    setStatus(m_matrix ? tr("Ready to train on %1 (%2 items x %3 models).")
                             .arg(QString::fromStdString(m_matrix->name))
                             .arg(m_matrix->itemCount())
                             .arg(m_matrix->modelCount())
                       : tr("Choose a matrix or a run above, then train."));
}

std::optional<core::RouterFitOptions> RouterTrainPanel::options(QString* problem) const {
    core::RouterFitOptions o;
    o.name = m_name->text().trimmed().toStdString();
    if (o.name.empty() || o.name.find('@') != std::string::npos) {
        if (problem) *problem = tr("Give the router a name (without '@'): it is saved as name@version.");
        return std::nullopt;
    }
    o.train.learner = m_learner->currentData().toString().toStdString();
    o.train.calibration = m_calibration->currentData().toString().toStdString();
    o.seed = uint64_t(m_seed->value());
    o.testShare = m_testShare->value();
    o.validationShare = m_validationShare->value();
    double v = m_targetValue->value();
    switch (m_target->currentData().toInt()) {
    case CostPerItem: o.target = core::RouterTarget{core::RouterTarget::Kind::CostPerItem, v}; break;
    case StrongShare:
        if (v > 1) {
            if (problem) *problem = tr("A share of calls is between 0 and 1.");
            return std::nullopt;
        }
        o.target = core::RouterTarget{core::RouterTarget::Kind::StrongShare, v};
        break;
    case CostCap: o.target = core::RouterTarget{core::RouterTarget::Kind::CostCap, v}; break;
    case FixedLambda: o.lambda = v; break;
    default: break;
    }
    return o;
}

void RouterTrainPanel::train() {
    if (!m_matrix) return setStatus(tr("Choose a matrix or a run above first."));
    QString problem;
    auto o = options(&problem);
    if (!o) return setStatus(problem);
    setStatus(tr("Training %1 on %2 items x %3 models...")
                  .arg(QString::fromStdString(o->train.learner))
                  .arg(m_matrix->itemCount())
                  .arg(m_matrix->modelCount()));
    m_runner.run<Trained>(
        [matrix = m_matrix, o = *o](std::stop_token stop, const JobRunner::Progress& progress) {
            Trained out;
            auto fitted = core::fitRouter(*matrix, o, stop, [&](double f) { progress(int(f * 1000), 1000); });
            if (!fitted) return out.error = QString::fromStdString(fitted.error().describe()), out;
            out.report = core::routerReport(*fitted);
            out.artifact = std::move(*fitted);
            return out;
        },
        [this](const Trained& result) { showTrained(result); });
}

void RouterTrainPanel::cancel() {
    m_runner.cancel();
}

void RouterTrainPanel::showTrained(const Trained& result) {
    if (!result.artifact) {
        return m_actions->fail(result.error);
    }
    m_artifact = result.artifact;
    m_table.setReport(result.report);
    replaceChart(m_curve, buildRouterCurveChart(result.report));
    replaceChart(m_reliability, buildReliabilityChart(result.report));
    const auto& r = result.report;
    const auto* router = m_table.row("router");
    setStatus(tr("Trained on %1 items, calibrated on %2; lambda %3 (%4). On the %5 held-out test items: accuracy "
                 "%6 at $%7 per item. Not saved yet.")
                  .arg(r.trainItems)
                  .arg(r.validationItems)
                  .arg(r.lambda, 0, 'g', 4)
                  .arg(QString::fromStdString(r.lambdaChosenBy))
                  .arg(r.testItems)
                  .arg(router->accuracy, 0, 'f', 4)
                  .arg(router->meanCostUsd, 0, 'f', 6));
    m_actions->allow(true, false);
    emit trained();
}

void RouterTrainPanel::save() {
    if (!m_artifact) return setStatus(tr("Train a router first."));
    saveVersioned(
        m_runner, m_session.writer(),
        [artifact = *m_artifact](core::SqliteDb& db) mutable { return core::saveRouterArtifact(db, artifact); },
        [this](int version, const QString& error) {
            if (!error.isEmpty()) return m_actions->fail(error);
            m_artifact->version = version;
            QString selector = QString::fromStdString(m_artifact->selector());
            setStatus(tr("Saved in the workspace as %1.").arg(selector));
            m_actions->allow(false, true);
            emit saved(selector);
        });
}

bool RouterTrainPanel::addToPool(QString* error) {
    auto refuse = [&](const QString& why) { return m_actions->refuse(why, error); };
    if (!m_artifact || m_artifact->version == 0) return refuse(tr("Save the router to the workspace first."));
    if (!m_document) return refuse(tr("No pool is being edited: open one on the Pools page."));
    const core::Pool& pool = m_document->pool();
    auto config = core::routerStrategyFor(pool, m_artifact->selector(), m_artifact->model.models,
                                          m_artifact->defaultLambda());
    if (!config) return refuse(QString::fromStdString(config.error().message));
    std::string name = m_document->addStrategy(
        m_artifact->name, *config, tr("Add router %1").arg(QString::fromStdString(m_artifact->selector())));
    setStatus(tr("Added to pool \"%1\" as strategy \"%2\" (Edit > Undo on the Pools page takes it back).")
                  .arg(QString::fromStdString(m_document->pool().name), QString::fromStdString(name)));
    return true;
}

QString RouterTrainPanel::status() const {
    return m_actions->status();
}

void RouterTrainPanel::setStatus(const QString& text) {
    m_actions->setStatus(text);
}

} // namespace baton::ui
