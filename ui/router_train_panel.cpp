// SPDX-License-Identifier: MIT
#include "router_train_panel.h"
#include "pool_document.h"
#include "router_charts.h"
#include "strategies/router_strategy.h"
#include "train_actions.h"
#include "workbench_session.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
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

#include <algorithm>

namespace baton::ui {

struct RouterTrainPanel::Trained {
    std::optional<core::RouterArtifact> artifact;
    core::RouterReport report;
    std::optional<core::EmbeddingResult> embeddings; ///< stats only, its vectors moved out
    QString embeddingsText;
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
    m_features->addItem(tr("embeddings of the prompt from a model of the current pool + category"), "embeddings");
    auto* embedding = new QHBoxLayout;
    m_embedder = new QComboBox(this);
    m_embedder->setObjectName("embedder");
    m_embedder->setToolTip(tr("A model of the current pool with an embeddings endpoint (OpenAI-compatible, Gemini, "
                              "the simulator). Vectors are cached in the workspace by text and embedder, and "
                              "every request is logged with its cost"));
    m_embedBudget = new QDoubleSpinBox(this);
    m_embedBudget->setObjectName("embeddingBudget");
    m_embedBudget->setDecimals(4);
    m_embedBudget->setRange(0, 1000);
    m_embedBudget->setValue(1.0);
    m_embedBudget->setPrefix("$");
    m_embedBudget->setToolTip(tr("The embedding requests' budget: each request's worst case is checked before it is "
                                 "sent, so it is never exceeded; the model needs an input price"));
    embedding->addWidget(new QLabel(tr("embedder"), this));
    embedding->addWidget(m_embedder, 1);
    embedding->addWidget(new QLabel(tr("budget"), this));
    embedding->addWidget(m_embedBudget);
    fillEmbedders();
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
    form->addRow(tr("Embeddings:"), embedding);
    form->addRow(tr("Calibration:"), m_calibration);
    form->addRow(tr("Split:"), split);
    form->addRow(tr("Target:"), target);
    m_compare = new QCheckBox(tr("Compare with kNN and rules by category on the same split"), this);
    m_compare->setObjectName("compareFixed");
    m_compare->setChecked(true);
    m_compare->setToolTip(tr("Both learnt on the router's training items and drawn on its test items with their "
                             "AIQ, as baton-cli router eval compares them. kNN's neighbours are brute force: slow "
                             "on large matrices"));
    form->addRow(tr("Name:"), m_name);
    form->addRow(QString(), m_compare);
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
    m_curve->setObjectName("routerCurve");
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
    auto embeddingsChosen = [this] {
        bool on = m_features->currentData().toString() == "embeddings";
        m_embedder->setEnabled(on);
        m_embedBudget->setEnabled(on);
    };
    embeddingsChosen();
    connect(m_features, &QComboBox::currentIndexChanged, this, embeddingsChosen);
    connect(&m_session, &WorkbenchSession::poolChanged, this, &RouterTrainPanel::fillEmbedders);
    connect(m_actions->trainButton(), &QPushButton::clicked, this, &RouterTrainPanel::train);
    connect(m_actions->cancelButton(), &QPushButton::clicked, this, &RouterTrainPanel::cancel);
    connect(m_actions->saveButton(), &QPushButton::clicked, this, &RouterTrainPanel::save);
    connect(m_actions->addButton(), &QPushButton::clicked, this, [this] { addToPool(); });
    connect(&m_runner, &JobRunner::progress, m_actions->progressBar(), &QProgressBar::setValue);
    connect(&m_runner, &JobRunner::cancelled, this, [this] { setStatus(tr("Cancelled.")); });
}

void RouterTrainPanel::fillEmbedders() {
    QString kept = m_embedder->currentText();
    m_embedder->clear();
    for (const auto& model : m_session.pool().models)
        m_embedder->addItem(QString::fromStdString(model.name));
    if (int i = m_embedder->findText(kept); i >= 0) m_embedder->setCurrentIndex(i);
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
    o.compareFixed = m_compare->isChecked();
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

std::optional<RouterEmbeddingChoice> RouterTrainPanel::embeddingChoice(QString* problem) const {
    if (m_features->currentData().toString() != "embeddings") return std::nullopt;
    const core::Pool& pool = m_session.pool();
    const core::ModelSpec* model = pool.findModel(m_embedder->currentText().toStdString());
    if (!model) {
        if (problem) *problem = tr("Choose the embedder, a model of the current pool (Pools page).");
        return std::nullopt;
    }
    core::Pool only;
    only.models = {*model};
    return RouterEmbeddingChoice{*model, m_session.environmentFor(only), core::Money::fromUsd(m_embedBudget->value()),
                                 m_session.path().toStdString(),
                                 "Replay lab: router train " + m_name->text().trimmed().toStdString()};
}

void RouterTrainPanel::train() {
    if (!m_matrix) return setStatus(tr("Choose a matrix or a run above first."));
    QString problem;
    auto o = options(&problem);
    if (!o) return setStatus(problem);
    auto embed = embeddingChoice(&problem);
    if (!embed && !problem.isEmpty()) return setStatus(problem);
    setStatus(tr("Training %1 on %2 items x %3 models%4...")
                  .arg(QString::fromStdString(o->train.learner))
                  .arg(m_matrix->itemCount())
                  .arg(m_matrix->modelCount())
                  .arg(embed ? tr(", embedding the prompts by %1 first").arg(QString::fromStdString(embed->model.name))
                             : QString()));
    m_runner.run<Trained>(
        [matrix = m_matrix, o = *o, embed](std::stop_token stop, const JobRunner::Progress& progress) mutable {
            Trained out;
            // With embeddings, the first half of the bar is the embedding requests.
            int fitFrom = 0;
            if (embed) {
                auto got = embedMatrixForRouter(*embed, *matrix, stop, [&](int64_t done, int64_t total) {
                    progress(int(500 * done / std::max<int64_t>(total, 1)), 1000);
                });
                if (!got) return out.error = QString::fromStdString(got.error().describe()), out;
                out.embeddingsText = describeEmbeddings(*got);
                o.train.embeddings = got->vectors;
                out.embeddings = std::move(got->stats);
                fitFrom = 500;
            }
            auto fitted = core::fitRouter(*matrix, o, stop,
                                          [&](double f) { progress(fitFrom + int(f * (1000 - fitFrom)), 1000); });
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
    m_lastEmbeddings = result.embeddings;
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
                 "%6 at $%7 per item.%8 Not saved yet.")
                  .arg(r.trainItems)
                  .arg(r.validationItems)
                  .arg(r.lambda, 0, 'g', 4)
                  .arg(QString::fromStdString(r.lambdaChosenBy))
                  .arg(r.testItems)
                  .arg(router->accuracy, 0, 'f', 4)
                  .arg(router->meanCostUsd, 0, 'f', 6)
                  .arg(result.embeddings ? tr(" Embeddings: %1.").arg(result.embeddingsText) : QString()));
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
