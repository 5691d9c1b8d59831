// SPDX-License-Identifier: MIT
// Replay lab, "Train a router" tab: a router trained off the GUI thread on a matrix worked out by
// hand (its held-out figures asserted), a training cancelled mid-way (its result dropped), the
// router saved as name@1, then added to the pool being edited and taken back with undo; a router
// trained on the embeddings of a model of the current pool (the session's simulator on loopback),
// each request logged with its cost, then trained again with 0 embedding requests; the router
// chart's kNN and rules curves, point for point those `router eval` computes for the same split.

#include "hand_worked_matrix.h"
#include "matrix/matrix_store.h"
#include "pool_document.h"
#include "replay/router_evaluation.h"
#include "replay_lab_page.h"
#include "router_train_panel.h"
#include "store/embedding_cache.h"
#include "store/workspace.h"
#include "workbench_session.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QChartView>
#include <QLegendMarker>
#include <QLineSeries>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace baton;

namespace {

/// `perCategory` "geo" and as many "math" items whose prompts name their topic (hand_worked_matrix.h).
core::OutcomeMatrix handWorked(const std::string& name, int perCategory) {
    return test::handWorkedMatrix(name, perCategory, [](int i, bool geo) {
        return std::string(geo ? "where is river " : "solve equation ") + std::to_string(i);
    });
}

/// The demo pool with its models renamed to the matrix's.
core::Pool poolWith(const core::Pool& demo, const std::vector<std::string>& names) {
    core::Pool pool = demo;
    pool.strategies.clear();
    pool.models.clear();
    for (const auto& n : names) {
        core::ModelSpec m = demo.models.front();
        m.name = n;
        pool.models.push_back(m);
    }
    return pool;
}

} // namespace

class TestRouterTrainPanel : public QObject {
    Q_OBJECT
private slots:
    void trainsCancelsSavesAndAddsToPool() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db");
        {
            auto ws = core::Workspace::open(db.toStdString());
            QVERIFY(ws.has_value());
            QVERIFY(core::saveMatrix(*ws->writer(), handWorked("hand", 50), "hand").has_value());
        }
        auto session = ui::WorkbenchSession::openDemo(db, 1);
        QVERIFY(session.has_value());
        ui::ReplayLabPage page(**session);
        ui::PoolDocument document;
        document.reset(poolWith((*session)->pool(), {"cheap", "mid", "strong"}), {});
        page.setPoolDocument(&document);
        auto& panel = page.routerPanel();
        QAbstractItemModelTester tester(const_cast<ui::RouterReportModel*>(&panel.table()));
        QSignalSpy shown(&page, &ui::ReplayLabPage::replayShown);
        QSignalSpy trained(&panel, &ui::RouterTrainPanel::trained);
        QSignalSpy saved(&panel, &ui::RouterTrainPanel::saved);
        QSignalSpy progress(&panel.runner(), &ui::JobRunner::progress);

        page.showSource("hand");
        QVERIFY(shown.wait(60000));
        QVERIFY2(panel.status().contains("100 items x 3 models"), qPrintable(panel.status()));

        // Cancelled while it runs on its thread (its result can only arrive through the event
        // loop, which has not run yet): nothing is shown, nothing can be saved.
        panel.train();
        QVERIFY(panel.runner().isBusy());
        panel.cancel();
        QVERIFY(!panel.runner().isBusy());
        QCOMPARE(panel.status(), QString("Cancelled."));

        progress.clear();
        panel.train();
        QVERIFY(trained.wait(60000));
        QCOMPARE(trained.count(), 1); // the cancelled training never delivered
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toInt(), 1000); // progress reached the end before the result
        QVERIFY(panel.artifact());
        const auto& table = panel.table();
        // 20% of 100 stratified: 10 geo + 10 math test items; validation 20% of the 80 left.
        QCOMPARE(panel.artifact()->parameters.at("test_items").get<size_t>(), size_t(20));
        QCOMPARE(panel.artifact()->parameters.at("validation_items").get<size_t>(), size_t(16));
        QCOMPARE(table.row("cheap")->accuracy, 0.5);
        QCOMPARE(table.row("mid")->accuracy, 0.5);
        QCOMPARE(table.row("strong")->accuracy, 1.0);
        QVERIFY(qAbs(table.row("oracle")->meanCostUsd - 0.0055) < 1e-12);
        const auto* router = table.row("router");
        QVERIFY(router);
        QCOMPARE(router->accuracy, 1.0);
        QVERIFY2(qAbs(router->meanCostUsd - 0.0055) < 1e-12, qPrintable(QString::number(router->meanCostUsd)));
        QCOMPARE(router->strongShare, 0.0);
        for (const char* model : {"cheap", "mid", "strong"}) {
            QVERIFY2(!std::isnan(table.row(model)->ece) && table.row(model)->ece < 0.5, model);
            QVERIFY(table.row(model)->brier < 0.25); // better than a coin's 0.25
        }
        QCOMPARE(table.rowCount(), 5); // router, three models, oracle

        QString error;
        QVERIFY2(!panel.addToPool(&error), "a router not saved yet has no name@version to put in a pool");
        QVERIFY2(error.contains("Save the router"), qPrintable(error));
        QCOMPARE(document.undoStack().count(), 0);

        panel.save();
        QVERIFY(saved.wait(60000));
        QCOMPARE(saved.last().at(0).toString(), QString("hand-router@1"));
        QVERIFY(core::loadRouterArtifact(**(*session)->reader(), "hand-router@1").has_value());

        QVERIFY2(panel.addToPool(&error), qPrintable(error));
        QCOMPARE(document.undoStack().count(), 1);
        const auto& strategy = document.pool().strategies.at("hand-router");
        QCOMPARE(strategy.kind, std::string("router"));
        QCOMPARE(strategy.settings.at("router").get<std::string>(), std::string("hand-router@1"));
        QCOMPARE(strategy.settings.at("lambda").get<double>(), panel.artifact()->defaultLambda());
        QVERIFY2(!strategy.settings.contains("models"), "the pool has exactly the router's models");
        QVERIFY2(document.valid(), document.problems().empty() ? "" : document.problems().front().message.c_str());
        document.undoStack().undo();
        QVERIFY(!document.pool().strategies.count("hand-router"));
        document.undoStack().redo();
        QVERIFY(document.pool().strategies.count("hand-router"));

        // A pool without mid is refused, naming it; nothing is pushed.
        document.reset(poolWith((*session)->pool(), {"cheap", "strong"}), {});
        QVERIFY(!panel.addToPool(&error));
        QVERIFY2(error.contains("lacks mid"), qPrintable(error));
        QCOMPARE(document.undoStack().count(), 0);
        // A pool with one more model: the strategy lists the router's models.
        document.reset(poolWith((*session)->pool(), {"cheap", "mid", "strong", "extra"}), {});
        QVERIFY2(panel.addToPool(&error), qPrintable(error));
        QCOMPARE(document.pool().strategies.at("hand-router").settings.at("models"),
                 nlohmann::json({"cheap", "mid", "strong"}));
    }

    void trainsOnEmbeddingsFromAModelOfThePool() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db");
        {
            auto ws = core::Workspace::open(db.toStdString());
            QVERIFY(ws.has_value());
            QVERIFY(core::saveMatrix(*ws->writer(), handWorked("hand", 50), "hand").has_value());
        }
        auto session = ui::WorkbenchSession::openDemo(db, 1);
        QVERIFY(session.has_value());
        ui::ReplayLabPage page(**session);
        auto& panel = page.routerPanel();
        QSignalSpy shown(&page, &ui::ReplayLabPage::replayShown);
        QSignalSpy trained(&panel, &ui::RouterTrainPanel::trained);
        QSignalSpy failed(&panel, &ui::RouterTrainPanel::failed);
        QSignalSpy progress(&panel.runner(), &ui::JobRunner::progress);
        page.showSource("hand");
        QVERIFY(shown.wait(60000));

        auto* features = panel.findChild<QComboBox*>("features");
        auto* embedder = panel.findChild<QComboBox*>("embedder");
        QVERIFY2(features && embedder, "the features offer embeddings from a model of the pool");
        int embeddings = features->findData("embeddings");
        QVERIFY(embeddings >= 0);
        features->setCurrentIndex(embeddings);
        QVERIFY(embedder->isEnabled());
        QCOMPARE(embedder->count(), int((*session)->pool().models.size())); // the current pool's models
        embedder->setCurrentIndex(embedder->findText("sim/nano"));
        QVERIFY(panel.embeddingChoice().has_value());

        panel.train();
        QVERIFY2(trained.wait(60000), qPrintable(panel.status()));
        QVERIFY(failed.isEmpty());
        QCOMPARE(progress.last().at(0).toInt(), 1000);
        const auto& artifact = panel.artifact();
        QVERIFY(artifact);
        QCOMPARE(std::string(artifact->model.features.kind()), std::string("embeddings+category"));
        QCOMPARE(artifact->model.features.embedderModel(), std::string("sim/nano"));
        QVERIFY2(artifact->model.features.embedder().starts_with("sim sim://"),
                 artifact->model.features.embedder().c_str()); // the simulator by what it simulates
        QCOMPARE(artifact->model.features.embeddingDims(), 256);
        QVERIFY(panel.table().row("router"));

        // Every distinct prompt embedded once (100 texts, 64 per request), each request logged
        // with its cost: sim/nano's input price ($0.05 per million) x its prompt tokens.
        const auto& first = panel.lastEmbeddings();
        QVERIFY(first);
        QCOMPARE(first->embeddedTexts, int64_t(100));
        QCOMPARE(first->cachedTexts, int64_t(0));
        QCOMPARE(first->httpCalls, int64_t(2));
        auto reader = (*session)->reader();
        QVERIFY(reader.has_value());
        auto calls = core::listEmbeddingCalls(**reader);
        QVERIFY(calls.has_value());
        QCOMPARE(calls->size(), size_t(2));
        double logged = 0;
        for (const auto& call : *calls) {
            QVERIFY(call.error.empty());
            QVERIFY(call.promptTokens && *call.promptTokens > 0);
            QVERIFY2(call.costUsd, "the simulator's model is priced: the cost is known");
            QVERIFY(qAbs(*call.costUsd - 0.05e-6 * double(*call.promptTokens)) < 1e-15);
            QCOMPARE(call.model, std::string("sim/nano"));
            QVERIFY(QString::fromStdString(call.purpose).contains("Replay lab"));
            logged += *call.costUsd;
        }
        QVERIFY(first->cost());
        QVERIFY(qAbs(first->cost()->usd() - logged) < 1e-12);
        QVERIFY2(panel.status().contains("2 embedding requests for 100 texts"), qPrintable(panel.status()));

        // Again: every vector comes from the workspace's cache; no request, nothing logged or paid.
        panel.train();
        QVERIFY2(trained.wait(60000), qPrintable(panel.status()));
        QCOMPARE(trained.count(), 2);
        const auto& second = panel.lastEmbeddings();
        QVERIFY(second);
        QCOMPARE(second->httpCalls, int64_t(0));
        QCOMPARE(second->cachedTexts, int64_t(100));
        QCOMPARE(second->cost()->usd(), 0.0);
        calls = core::listEmbeddingCalls(**reader);
        QCOMPARE(calls->size(), size_t(2));
        QCOMPARE(panel.artifact()->model.features.embedderModel(), std::string("sim/nano"));

        // Another embedder (nothing cached for it) under a budget below one request's worst case:
        // refused before anything is sent.
        auto* budget = panel.findChild<QDoubleSpinBox*>("embeddingBudget");
        QVERIFY(budget);
        budget->setValue(0);
        embedder->setCurrentIndex(embedder->findText("sim/mini"));
        panel.train();
        QVERIFY(failed.wait(60000));
        QVERIFY2(failed.last().at(0).toString().contains("budget"), qPrintable(failed.last().at(0).toString()));
        QCOMPARE(core::listEmbeddingCalls(**reader)->size(), size_t(2));
    }

    /// The router chart draws kNN and rules by category beside the router: the curves `router
    /// eval` computes for the same seed and shares (the prompts name no topic here, so kNN routes
    /// worse than the rules, which read the category), with their AIQ in the legend.
    void drawsKnnAndRulesAsRouterEvalComputesThem() {
        QTemporaryDir dir;
        QString db = dir.filePath("w.db");
        auto matrix =
            test::handWorkedMatrix("plain", 50, [](int i, bool) { return "question number " + std::to_string(i); });
        {
            auto ws = core::Workspace::open(db.toStdString());
            QVERIFY(ws.has_value());
            QVERIFY(core::saveMatrix(*ws->writer(), matrix, "plain").has_value());
        }
        auto session = ui::WorkbenchSession::openDemo(db, 1);
        QVERIFY(session.has_value());
        ui::ReplayLabPage page(**session);
        auto& panel = page.routerPanel();
        QSignalSpy shown(&page, &ui::ReplayLabPage::replayShown);
        QSignalSpy trained(&panel, &ui::RouterTrainPanel::trained);
        page.showSource("plain");
        QVERIFY(shown.wait(60000));
        panel.train();
        QVERIFY(trained.wait(60000));

        core::RouterEvaluationOptions o;
        o.seeds = {1};
        o.testShare = 0.2, o.validationShare = 0.2; // the panel's defaults
        o.bootstrap = 0;
        auto evaluation = core::evaluateRouter(matrix, o);
        QVERIFY(evaluation.has_value());
        const auto& seed = evaluation->seeds.at(0);
        QVERIFY(seed.knnAiq < seed.rulesAiq); // the two curves differ: each is checked against its own

        auto* view = panel.findChild<QChartView*>("routerCurve");
        QVERIFY(view && view->chart());
        auto series = [&](const QString& prefix) -> QLineSeries* {
            for (auto* s : view->chart()->series())
                if (s->name().startsWith(prefix)) return qobject_cast<QLineSeries*>(s);
            return nullptr;
        };
        struct Expected {
            QString prefix;
            const std::vector<core::RoutePoint>* curve;
            double aiq;
        };
        for (const auto& e : {Expected{"kNN (lambda sweep)", &seed.knn, seed.knnAiq},
                              Expected{"rules by category (lambda sweep)", &seed.rules, seed.rulesAiq},
                              Expected{"router (lambda sweep)", &seed.router, seed.routerAiq}}) {
            QLineSeries* line = series(e.prefix);
            QVERIFY2(line, qPrintable(e.prefix + " is drawn"));
            QCOMPARE(line->name(), e.prefix + QString(", AIQ %1").arg(e.aiq, 0, 'f', 4));
            QCOMPARE(size_t(line->count()), e.curve->size());
            for (int k = 0; k < line->count(); ++k) {
                QVERIFY2(qAbs(line->at(k).x() - (*e.curve)[size_t(k)].meanCostUsd) < 1e-12, qPrintable(e.prefix));
                QVERIFY2(qAbs(line->at(k).y() - (*e.curve)[size_t(k)].accuracy) < 1e-12, qPrintable(e.prefix));
            }
            bool inLegend = false;
            for (auto* marker : view->chart()->legend()->markers(line))
                inLegend = inLegend || marker->isVisible();
            QVERIFY2(inLegend, qPrintable(e.prefix));
        }
    }
};

QTEST_MAIN(TestRouterTrainPanel)
#include "tst_router_train_panel.moc"
