// SPDX-License-Identifier: MIT
#pragma once
// RouterTrainPanel: the Replay lab's "Train a router" tab. On the matrix the page shows, choose
// the learner, the features (hashed TF-IDF, or embeddings from a model of the current pool:
// router_embedding_job.h), the split and seed and the target; training runs on a JobRunner
// (progress, cancel; nothing on the GUI thread). Shows the reliability diagram, the lambda curve
// against kNN, rules by category and the baselines (view "routerCurve") and the test-split table;
// saves the router in the workspace as the next version of its name; "Add to pool" puts
// {"kind": "router", "router": "name@version", "lambda"} into the pool being edited, as one
// undoable step of that pool's document.

#include "job_runner.h"
#include "replay/router_fit.h"
#include "replay/router_report.h"
#include "router_embedding_job.h"
#include "router_report_model.h"

#include <QWidget>
#include <memory>
#include <optional>

class QChartView;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace baton::ui {

class PoolDocument;
class TrainActions;
class WorkbenchSession;

class RouterTrainPanel : public QWidget {
    Q_OBJECT
public:
    explicit RouterTrainPanel(WorkbenchSession& session, QWidget* parent = nullptr);

    /// The matrix to train on (the page's source); forgets the last trained router.
    void setMatrix(std::shared_ptr<const core::OutcomeMatrix> matrix);
    /// The pool "Add to pool" edits (the Pools page's document); may be null.
    void setPoolDocument(PoolDocument* document) { m_document = document; }

    /// The options as the widgets state them; `problem` says what is wrong when nullopt.
    std::optional<core::RouterFitOptions> options(QString* problem = nullptr) const;
    /// With embedding features: the embedder (a model of the session's pool), its keys and the
    /// budget, snapshot now. nullopt for TF-IDF, or with `problem` when the choice is unusable.
    std::optional<RouterEmbeddingChoice> embeddingChoice(QString* problem = nullptr) const;
    /// Trains with options() off the GUI thread; emits trained or failed.
    void train();
    void cancel();
    /// Saves the trained router as the next version of its name off the GUI thread; emits saved or failed.
    void save();
    /// Adds the saved router at its lambda to the pool document as one undoable step. False with
    /// `error` (also shown) when there is no document, no saved router, or the pool lacks its models.
    bool addToPool(QString* error = nullptr);

    const std::optional<core::RouterArtifact>& artifact() const { return m_artifact; }
    const RouterReportModel& table() const { return m_table; }
    const JobRunner& runner() const { return m_runner; }
    /// The last training's embedding step (requests, texts cached, cost); nullopt for TF-IDF.
    const std::optional<core::EmbeddingResult>& lastEmbeddings() const { return m_lastEmbeddings; }
    QString status() const;

signals:
    void trained();
    void saved(const QString& selector);
    void failed(const QString& message);

private:
    struct Trained;
    void showTrained(const Trained& result);
    void setStatus(const QString& text);
    void fillEmbedders();

    WorkbenchSession& m_session;
    PoolDocument* m_document = nullptr;
    JobRunner m_runner;
    RouterReportModel m_table;
    std::shared_ptr<const core::OutcomeMatrix> m_matrix;
    std::optional<core::RouterArtifact> m_artifact;
    std::optional<core::EmbeddingResult> m_lastEmbeddings;
    QComboBox* m_learner = nullptr;
    QComboBox* m_features = nullptr;
    QComboBox* m_embedder = nullptr;
    QDoubleSpinBox* m_embedBudget = nullptr;
    QComboBox* m_calibration = nullptr;
    QDoubleSpinBox* m_testShare = nullptr;
    QDoubleSpinBox* m_validationShare = nullptr;
    QSpinBox* m_seed = nullptr;
    QComboBox* m_target = nullptr;
    QDoubleSpinBox* m_targetValue = nullptr;
    QLineEdit* m_name = nullptr;
    QCheckBox* m_compare = nullptr;
    TrainActions* m_actions = nullptr;
    QChartView* m_reliability = nullptr;
    QChartView* m_curve = nullptr;
};

} // namespace baton::ui
