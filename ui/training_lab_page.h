// SPDX-License-Identifier: MIT
#pragma once
// TrainingLabPage: trains a learned coordinator policy (core/training) on the pool the Run page
// uses and a task set of the workspace, off the GUI thread on a JobRunner. Options: tier, lambda,
// generations, patience, seed, the training budget (required; never exceeded) and the name.
// While it trains, each generation's point is drawn on a live chart and the status line says the
// generation, the money spent and the HTTP requests; Cancel keeps the best policy so far. Then:
// the kept policy's test figures next to the untrained planner-decides baseline, the learned
// behaviour per category (table and bar chart) and why training stopped. "Save policy" stores it
// as the next version of its name; "Add to pool" puts {"kind": "coordinator", "policy":
// "name@version", "tier", "lambda"} into the pool being edited, as one undoable step.
// Several lambdas make a sweep (core::sweepLambdas, one budget for all): one policy per lambda,
// each saved as it is trained, drawn on the cost-quality plane next to every model alone; the
// policy chosen there is the one the tables show and Add to pool adds.

#include "action_shares_view.h"
#include "behaviour_table_model.h"
#include "job_runner.h"
#include "lambda_sweep_view.h"
#include "rollout_figures_model.h"
#include "training/coordinator_training.h"
#include "training_curve_view.h"

#include <QWidget>
#include <memory>
#include <optional>
#include <stop_token>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace baton::ui {

class PoolDocument;
class TrainActions;
class WorkbenchSession;

class TrainingLabPage : public QWidget {
    Q_OBJECT
public:
    explicit TrainingLabPage(WorkbenchSession& session, QWidget* parent = nullptr);
    ~TrainingLabPage() override; ///< aborts a training's calls, so that closing does not wait for them

    /// The pool that "Add to pool" edits (the Pools page's document); may be null.
    void setPoolDocument(PoolDocument* document) { m_document = document; }
    /// Lists the workspace's task sets, selecting the one runs use now.
    void refreshTaskSets();

    /// The options as the widgets state them; `problem` says what is wrong when nullopt.
    std::optional<core::TrainingOptions> options(QString* problem = nullptr) const;
    /// The lambdas to train with: the sweep's list when one is given, else the one lambda.
    std::optional<std::vector<double>> lambdas(QString* problem = nullptr) const;
    /// Trains with options() on the session's pool and the chosen task set, off the GUI thread;
    /// emits generationShown per generation, then trained or failed.
    void train();
    /// Stops training early: the policy best on validation so far is kept and shown.
    void cancel();
    /// Saves the trained policy as the next version of its name, off the GUI thread; emits saved or failed.
    void save();
    /// Adds the saved policy to the pool document as one undoable step. False with `error` (also
    /// shown) when there is no document, no saved policy, or the pool lacks one of its models.
    bool addToPool(QString* error = nullptr);

    /// The policy shown: the one trained, or the one chosen in a sweep.
    const std::optional<core::TrainingReport>& report() const { return m_report; }
    /// The last sweep's trainings, in lambda order (empty after a single training).
    const std::vector<core::TrainingReport>& sweep() const { return m_sweep; }
    /// Shows the sweep's `index`-th policy in the tables; Add to pool then adds it.
    void chooseSweepPolicy(int index);
    const LambdaSweepView& sweepView() const { return *m_sweepView; }
    const ActionSharesView& modelSharesView() const { return *m_models; }
    const TrainingCurveView& curve() const { return *m_curve; }
    const BehaviourTableModel& behaviour() const { return m_behaviour; }
    const RolloutFiguresModel& figures() const { return m_figures; }
    const JobRunner& runner() const { return m_runner; }
    QString status() const;
    QString stopReason() const; ///< the shown "Stopped: ..." line

signals:
    void generationShown(int generation);
    void trained();
    void saved(const QString& policy);
    void failed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Live;
    struct Trained;
    void showGenerations();
    void showTrained(const Trained& result);
    void showReport();
    void setStatus(const QString& text);
    void showPool();

    WorkbenchSession& m_session;
    PoolDocument* m_document = nullptr;
    std::stop_source m_abort;     ///< stops the running training's calls (Cancel only finishes it)
    JobRunner m_runner;           ///< the training
    JobRunner m_saver;            ///< saving the policy
    std::shared_ptr<Live> m_live; ///< the running training's points, filled on its thread
    std::optional<core::TrainingReport> m_report;
    std::vector<core::TrainingReport> m_sweep;
    size_t m_pointsShown = 0;        ///< of m_live's points
    double m_curveLambda = -1;       ///< the lambda whose training the live chart shows
    std::optional<core::Money> m_budget; ///< of the training shown
    BehaviourTableModel m_behaviour;
    RolloutFiguresModel m_figures;
    QLabel* m_pool = nullptr;
    QComboBox* m_taskSet = nullptr;
    QComboBox* m_tier = nullptr;
    QCheckBox* m_nested = nullptr; ///< ultra: a sub-task may be planned again (max depth 2)
    QDoubleSpinBox* m_lambda = nullptr;
    QLineEdit* m_lambdas = nullptr; ///< a sweep's lambdas; empty: m_lambda alone
    QSpinBox* m_generations = nullptr;
    QSpinBox* m_patience = nullptr;
    QSpinBox* m_seed = nullptr;
    QDoubleSpinBox* m_maxCost = nullptr;
    QLineEdit* m_name = nullptr;
    TrainActions* m_actions = nullptr;
    QLabel* m_stopReason = nullptr;
    TrainingCurveView* m_curve = nullptr;
    ActionSharesView* m_shares = nullptr;
    ActionSharesView* m_models = nullptr;
    LambdaSweepView* m_sweepView = nullptr;
    QTabWidget* m_chartTabs = nullptr;
};

} // namespace baton::ui
