// SPDX-License-Identifier: MIT
// Training lab: a coordinator trained through the page on a tiny demo set against the simulator
// (2 generations): the live chart holds one point per generation of the core's report, with its
// figures; the test figures and the learned-behaviour table are the report's; Save makes
// name@1 then name@2; Add to pool puts the coordinator strategy into the Pools page's pool and
// Ctrl+Z there takes it back. Cancel keeps the best policy so far and says "cancelled"; a budget
// too small stops at the cap, and the run's logged calls cost no more than it. A sweep of two
// lambdas saves one policy each, draws them on the cost-quality plane with every model alone at
// their test figures, and Add to pool adds the one chosen there; a sweep whose second training
// fails keeps the first, saved, on the page.

#include "main_window.h"
#include "model/money_text.h"
#include "pool_document.h"
#include "pools_page.h"
#include "settings.h"
#include "store/call_log.h"
#include "store/policy_store.h"
#include "strategies/policy_object.h"
#include "training_lab_page.h"
#include "workbench_session.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QChart>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace baton;
using ui::BehaviourTableModel;
using ui::RolloutFiguresModel;
using ui::TrainingCurveView;

namespace {

constexpr int kWait = 600000; // a ceiling for a slow (sanitized) build, not a timing assertion

/// The options as a user would set them on the page.
void setOptions(ui::TrainingLabPage& page, int generations, int patience, double budgetUsd, const QString& name) {
    page.findChild<QSpinBox*>("generations")->setValue(generations);
    page.findChild<QSpinBox*>("patience")->setValue(patience);
    page.findChild<QDoubleSpinBox*>("maxCost")->setValue(budgetUsd);
    page.findChild<QLineEdit*>("name")->setText(name);
}

/// A workspace on the 24-item demo set (4 per category) with the page alone on it.
struct Lab {
    QTemporaryDir dir;
    std::unique_ptr<ui::WorkbenchSession> session;
    std::unique_ptr<ui::TrainingLabPage> page;
    Lab() {
        if (auto opened = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 4))
            session = std::move(*opened), page = std::make_unique<ui::TrainingLabPage>(*session);
    }
};

double shareOf(int count, int items) {
    return items > 0 ? double(count) / items : 0.0;
}

} // namespace

class TestTrainingLabPage : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void trainsLiveShowsTheReportSavesAndAddsToPool() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 4); // 24 items, 6 categories
        QVERIFY(session.has_value());
        ui::MainWindow window(session->get());
        auto* page = window.findChild<ui::TrainingLabPage*>();
        QVERIFY(page);
        QAbstractItemModelTester behaviourTester(const_cast<BehaviourTableModel*>(&page->behaviour()));
        QAbstractItemModelTester figuresTester(const_cast<RolloutFiguresModel*>(&page->figures()));
        QSignalSpy shown(page, &ui::TrainingLabPage::generationShown);
        QSignalSpy trained(page, &ui::TrainingLabPage::trained);
        QSignalSpy saved(page, &ui::TrainingLabPage::saved);

        setOptions(*page, 2, 8, 0, "lab");
        page->train(); // no budget: refused, as the CLI refuses a train without --max-cost
        QVERIFY(!page->runner().isBusy());
        QVERIFY2(page->status().contains("training budget"), qPrintable(page->status()));

        setOptions(*page, 2, 8, 5.0, "lab");
        page->train();
        QVERIFY(trained.wait(kWait));
        const auto& report = page->report();
        QVERIFY(report.has_value());
        QCOMPARE(report->curve.size(), size_t(3)); // the warm start (0), then 2 generations: no early stop
        QCOMPARE(report->curve.back().generation, 2);
        QCOMPARE(report->stopReason, std::string());
        QCOMPARE(page->stopReason(), QString("Ran all 2 generations."));

        // The live chart: one point per generation of the report, drawn as each was reported.
        const TrainingCurveView& curve = page->curve();
        QCOMPARE(curve.pointCount(), int(report->curve.size()));
        QCOMPARE(shown.count(), int(report->curve.size()));
        for (size_t i = 0; i < report->curve.size(); ++i) {
            const auto& p = report->curve[i];
            QCOMPARE(shown.at(int(i)).at(0).toInt(), p.generation);
            QCOMPARE(curve.points(TrainingCurveView::TrainReward)[int(i)], QPointF(p.generation, p.train.reward));
            QCOMPARE(curve.points(TrainingCurveView::ValidationReward)[int(i)],
                     QPointF(p.generation, p.validation.reward));
            QCOMPARE(curve.points(TrainingCurveView::TrainAccuracy)[int(i)], QPointF(p.generation, p.train.accuracy));
            QCOMPARE(curve.points(TrainingCurveView::ValidationAccuracy)[int(i)],
                     QPointF(p.generation, p.validation.accuracy));
        }
        QVERIFY2(page->status().contains(QString("run %1").arg(report->runId)), qPrintable(page->status()));

        // Test figures: the kept policy, planner-decides, then every pool model alone.
        const RolloutFiguresModel& figures = page->figures();
        QCOMPARE(figures.rowCount(), 2 + int(report->singleModelsTest.size()));
        QCOMPARE(report->singleModelsTest.size(), size_t(6));
        std::vector<const core::RolloutFigures*> expected{&report->test, &report->plannerDecidesTest};
        for (const auto& single : report->singleModelsTest)
            expected.push_back(&single.second);
        for (int row = 0; row < figures.rowCount(); ++row) {
            auto number = [&](int column) { return figures.data(figures.index(row, column), Qt::UserRole).toDouble(); };
            QCOMPARE(number(RolloutFiguresModel::Items), double(expected[row]->items));
            QCOMPARE(number(RolloutFiguresModel::Accuracy), expected[row]->accuracy);
            QCOMPARE(number(RolloutFiguresModel::CostPerItem), expected[row]->costPerItem);
            QCOMPARE(number(RolloutFiguresModel::CallsPerItem), expected[row]->callsPerItem);
            QCOMPARE(number(RolloutFiguresModel::Reward), expected[row]->reward);
        }
        QVERIFY(figures.data(figures.index(1, 0)).toString().startsWith("planner-decides"));
        QCOMPARE(figures.data(figures.index(2, 0)).toString(),
                 QString::fromStdString(report->singleModelsTest.front().first + " alone"));
        QVERIFY(report->test.items > 0);

        // The learned behaviour per category: the report's test figures.
        const BehaviourTableModel& table = page->behaviour();
        QCOMPARE(table.rowCount(), int(report->test.byCategory.size()));
        QCOMPARE(table.rowCount(), 6);
        int row = 0;
        for (const auto& [category, b] : report->test.byCategory) {
            auto cell = [&](int column) { return table.data(table.index(row, column)); };
            QCOMPARE(cell(BehaviourTableModel::Category).toString(), QString::fromStdString(category));
            QCOMPARE(cell(BehaviourTableModel::Items).toInt(), b.items);
            QCOMPARE(table.share(row, BehaviourTableModel::Direct), shareOf(b.direct, b.items));
            QCOMPARE(table.share(row, BehaviourTableModel::Plan), shareOf(b.plan, b.items));
            QCOMPARE(table.share(row, BehaviourTableModel::Verify), shareOf(b.verify, b.items));
            QCOMPARE(table.share(row, BehaviourTableModel::Synthesize), shareOf(b.synthesize, b.items));
            QCOMPARE(table.share(row, BehaviourTableModel::Nested), shareOf(b.nested, b.items));
            QCOMPARE(cell(BehaviourTableModel::Plan).toString(),
                     QString("%1%").arg(100 * shareOf(b.plan, b.items), 0, 'f', 1));
            int named = 0;
            for (const auto& [model, count] : b.firstModel) {
                QVERIFY2(cell(BehaviourTableModel::FirstModels)
                             .toString()
                             .contains(QString("%1 %2").arg(QString::fromStdString(model)).arg(count)),
                         qPrintable(cell(BehaviourTableModel::FirstModels).toString()));
                named += count;
            }
            QCOMPARE(named, b.direct);
            // Drawn: one bar of 100% per category, split by the model that answered first.
            auto* models = static_cast<QStackedBarSeries*>(page->modelSharesView().chart()->series().first());
            double drawn = 0;
            for (QBarSet* set : models->barSets()) {
                auto it = b.firstModel.find(set->label().toStdString());
                double expected = it != b.firstModel.end()             ? 100.0 * it->second / b.items
                                  : set->label().startsWith("planned") ? 100.0 * (b.items - b.direct) / b.items
                                                                       : 0.0;
                QCOMPARE(set->at(row), expected);
                drawn += set->at(row);
            }
            QVERIFY(std::abs(drawn - 100) < 1e-9);
            ++row;
        }

        // Add to pool needs a saved policy; Save makes version 1, then 2.
        ui::PoolDocument& document = window.poolsPage()->document();
        const core::Pool before = document.pool();
        QString error;
        QVERIFY(!page->addToPool(&error));
        QVERIFY2(error.contains("Save the policy"), qPrintable(error));
        QCOMPARE(document.undoStack().count(), 0);
        page->save();
        QVERIFY(saved.wait(kWait));
        QCOMPARE(saved.last().at(0).toString(), QString("lab@1"));
        page->save();
        QVERIFY(saved.wait(kWait));
        QCOMPARE(saved.last().at(0).toString(), QString("lab@2"));
        QVERIFY2(page->status().contains("lab@2"), qPrintable(page->status()));
        auto reader = (*session)->reader();
        QVERIFY(reader.has_value());
        auto policies = core::listPolicies(**reader);
        QVERIFY(policies.has_value());
        QCOMPARE(policies->size(), size_t(2));
        auto stored = core::loadCoordinatorPolicy(**reader, "lab", 2);
        QVERIFY(stored.has_value());
        QCOMPARE(stored->parameters, report->policy.parameters);

        QVERIFY2(page->addToPool(&error), qPrintable(error));
        QCOMPARE(document.undoStack().count(), 1);
        const auto& strategy = document.pool().strategies.at("lab");
        QCOMPARE(strategy.kind, std::string("coordinator"));
        QCOMPARE(strategy.settings.at("policy").get<std::string>(), std::string("lab@2"));
        QCOMPARE(strategy.settings.at("tier").get<std::string>(), std::string("ultra"));
        QCOMPARE(strategy.settings.at("lambda").get<double>(), 0.5);
        QVERIFY2(document.valid(), document.problems().empty() ? "" : document.problems().front().message.c_str());
        QVERIFY(!(document.pool() == before));

        // Ctrl+Z on the Pools page restores the pool.
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showPage(window.poolsPage());
        auto* models = window.poolsPage()->findChild<QTableView*>();
        QVERIFY(models);
        models->setFocus();
        QTest::keyClick(models, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(document.pool() == before);
        QVERIFY(!document.pool().strategies.count("lab"));
    }

    // Old code: the table had no Nested column; the share of nested plans (a sub-task planned
    // again, depth 2) was only in `coordinator show`'s JSON.
    void theBehaviourTableShowsTheNestedShare() {
        BehaviourTableModel table;
        QAbstractItemModelTester tester(&table);
        core::BehaviourShares words, facts;
        words.items = 8, words.plan = 6, words.nested = 3, words.direct = 2, words.firstModel = {{"sim/pro", 2}};
        facts.items = 5, facts.direct = 5, facts.firstModel = {{"sim/flash", 5}};
        table.setBehaviour({{"word-problem", words}, {"extraction", facts}});
        QCOMPARE(table.headerData(BehaviourTableModel::Nested, Qt::Horizontal).toString(), QString("Nested plan"));
        auto cell = [&](int row, int role) { return table.data(table.index(row, BehaviourTableModel::Nested), role); };
        QCOMPARE(table.data(table.index(1, BehaviourTableModel::Category)).toString(), QString("word-problem"));
        QCOMPARE(cell(1, Qt::DisplayRole).toString(), QString("37.5%")); // 3 of 8 items
        QCOMPARE(cell(1, Qt::UserRole).toDouble(), 0.375);
        QCOMPARE(cell(0, Qt::DisplayRole).toString(), QString("0.0%"));
        QCOMPARE(table.share(1, BehaviourTableModel::Plan), 0.75); // the other columns keep their places
        QCOMPARE(table.data(table.index(1, BehaviourTableModel::FirstModels)).toString(), QString("sim/pro 2"));
    }

    void sweepsLambdasSavesEachAndAddsTheChosenOne() {
        QTemporaryDir dir;
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 4);
        QVERIFY(session.has_value());
        ui::MainWindow window(session->get());
        auto* page = window.findChild<ui::TrainingLabPage*>();
        QVERIFY(page);
        QSignalSpy trained(page, &ui::TrainingLabPage::trained);
        setOptions(*page, 1, 8, 5.0, "sw");
        auto* lambdas = page->findChild<QLineEdit*>("lambdas");
        lambdas->setText("0.05, x");
        page->train();
        QVERIFY(!page->runner().isBusy());
        QVERIFY2(page->status().contains("\"x\" is not one of them"), qPrintable(page->status()));
        lambdas->setText("0.05, 0.5");
        QVERIFY(!page->findChild<QDoubleSpinBox*>("lambda")->isEnabled()); // the sweep's list rules
        page->train();
        QVERIFY(trained.wait(kWait));

        // One policy per lambda, in order, each saved as it was trained.
        const auto& sweep = page->sweep();
        QCOMPARE(sweep.size(), size_t(2));
        QCOMPARE(sweep[0].policy.id(), std::string("sw-lambda0.05@1"));
        QCOMPARE(sweep[1].policy.id(), std::string("sw-lambda0.5@1"));
        QCOMPARE(sweep[0].policy.lambda, 0.05);
        QCOMPARE(sweep[1].policy.lambda, 0.5);
        auto reader = (*session)->reader();
        QVERIFY(reader.has_value());
        QCOMPARE(core::listPolicies(**reader)->size(), size_t(2));
        for (const auto& t : sweep)
            QCOMPARE(core::loadCoordinatorPolicy(**reader, t.policy.name, 1)->parameters, t.policy.parameters);

        // The cost-quality plane: every model alone and both policies, at their test figures.
        const core::RunReport& plane = page->sweepView().plane();
        QCOMPARE(plane.strategies.size(), sweep[0].singleModelsTest.size() + 2);
        auto pointOf = [&](const std::string& name) -> const core::StrategyMetrics* {
            for (const auto& m : plane.strategies)
                if (m.name == name) return &m;
            return nullptr;
        };
        for (const auto& t : sweep) {
            const auto* m = pointOf(t.policy.id());
            QVERIFY2(m && !m->baseline, t.policy.id().c_str());
            QCOMPARE(m->accuracy, t.test.accuracy);
            QVERIFY(std::abs(m->costPerItem->usd() - t.test.costPerItem) < 1e-12);
        }
        for (const auto& [model, figures] : sweep[0].singleModelsTest) {
            const auto* m = pointOf(model);
            QVERIFY2(m && m->baseline, model.c_str());
            QCOMPARE(m->accuracy, figures.accuracy);
        }
        QVERIFY(!plane.frontier.empty());

        // The last is shown; choosing the first shows its figures, and Add to pool adds it.
        QCOMPARE(page->report()->policy.id(), std::string("sw-lambda0.5@1"));
        page->chooseSweepPolicy(0);
        QCOMPARE(page->report()->policy.id(), std::string("sw-lambda0.05@1"));
        QCOMPARE(page->sweepView().chosen(), 0);
        // Its cost per item in the one money text (formatUsd: "unknown" when an item's cost is).
        QCOMPARE(sweep[0].test.costUnknownItems, 0);
        const QString perItem =
            QString::fromStdString(core::formatUsd(core::Money::fromUsd(sweep[0].test.costPerItem)));
        QVERIFY2(page->status().contains(perItem + " per item"), qPrintable(page->status() + " / " + perItem));
        const RolloutFiguresModel& figures = page->figures();
        QCOMPARE(figures.data(figures.index(0, RolloutFiguresModel::Accuracy), Qt::UserRole).toDouble(),
                 sweep[0].test.accuracy);
        QString error;
        QVERIFY2(page->addToPool(&error), qPrintable(error));
        const auto& strategy = window.poolsPage()->document().pool().strategies.at("sw-lambda0.05");
        QCOMPARE(strategy.settings.at("policy").get<std::string>(), std::string("sw-lambda0.05@1"));
        QCOMPARE(strategy.settings.at("lambda").get<double>(), 0.05);
    }

    // The page passes BATON_CMAES_MODULE to core in the options (core read it itself): a module
    // that cannot be opened is named, and nothing is trained.
    void aMissingSearchModuleIsNamed() {
        Lab lab;
        QVERIFY(lab.page);
        QSignalSpy failed(lab.page.get(), &ui::TrainingLabPage::failed);
        QSignalSpy trained(lab.page.get(), &ui::TrainingLabPage::trained);
        const QString missing = lab.dir.filePath("libbaton_cmaes.so");
        qputenv("BATON_CMAES_MODULE", missing.toUtf8());
        auto restore = qScopeGuard([] { qunsetenv("BATON_CMAES_MODULE"); });
        setOptions(*lab.page, 1, 8, 5.0, "module");
        QCOMPARE(lab.page->options()->cmaesModule, missing.toStdString());
        lab.page->train();
        QVERIFY(failed.wait(kWait));
        QVERIFY2(failed.first().first().toString().contains(missing + ": not there"),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(trained.count(), 0);
    }

    // Old code: the sweep's failure lost the trainings before it, saved as they were, from the page.
    void aFailedSweepTrainingKeepsTheSavedOnesShown() {
        Lab lab;
        QVERIFY(lab.page);
        // The workspace refuses the second lambda's policy: that training fails when it is saved.
        auto refusing = lab.session->writer()
                            .submit([](core::SqliteDb& db) {
                                return db.exec("CREATE TRIGGER refuse_second BEFORE INSERT ON coordinator_policies "
                                               "WHEN NEW.name = 'f-lambda0.5' BEGIN SELECT RAISE(ABORT, 'refused by "
                                               "the test'); END");
                            })
                            .get();
        QVERIFY2(refusing, refusing ? "" : refusing.error().describe().c_str());
        QSignalSpy trained(lab.page.get(), &ui::TrainingLabPage::trained);
        setOptions(*lab.page, 1, 8, 5.0, "f");
        lab.page->findChild<QLineEdit*>("lambdas")->setText("0.05, 0.5, 1");
        lab.page->train();
        QVERIFY(trained.wait(kWait));
        const auto& sweep = lab.page->sweep();
        QCOMPARE(sweep.size(), size_t(1));
        QCOMPARE(sweep[0].policy.id(), std::string("f-lambda0.05@1"));
        QCOMPARE(lab.page->report()->policy.id(), std::string("f-lambda0.05@1"));
        bool drawn = false;
        for (const auto& m : lab.page->sweepView().plane().strategies)
            drawn = drawn || m.name == "f-lambda0.05@1";
        QVERIFY(drawn);
        QVERIFY2(lab.page->status().contains("The sweep stopped") &&
                     lab.page->status().contains("refused by the test") &&
                     lab.page->status().contains("f-lambda0.05@1"),
                 qPrintable(lab.page->status()));
        auto reader = lab.session->reader();
        QVERIFY(reader.has_value());
        QCOMPARE(core::listPolicies(**reader)->size(), size_t(1));
    }

    void cancelKeepsTheBestPolicySoFar() {
        Lab lab;
        QVERIFY(lab.page);
        ui::TrainingLabPage& page = *lab.page;
        QSignalSpy shown(&page, &ui::TrainingLabPage::generationShown);
        QSignalSpy trained(&page, &ui::TrainingLabPage::trained);
        QSignalSpy saved(&page, &ui::TrainingLabPage::saved);
        setOptions(page, 500, 500, 5.0, "cut");
        page.train();
        QVERIFY(shown.wait(kWait));
        page.cancel();                   // after its first generation
        QVERIFY(page.runner().isBusy()); // until it has tested the policy it keeps
        QVERIFY(trained.wait(kWait));
        const auto& report = page.report();
        QVERIFY(report.has_value());
        QCOMPARE(report->stopReason, std::string("cancelled"));
        QVERIFY2(page.stopReason().contains("cancelled"), qPrintable(page.stopReason()));
        QVERIFY(!report->curve.empty() && report->curve.size() < 500);
        QCOMPARE(page.curve().pointCount(), int(report->curve.size()));
        // Cancel finishes training, it does not stop the calls: the kept policy, planner-decides
        // and every model alone are played on all test items (before: every figure partial).
        QVERIFY(report->test.items > 0 && !report->test.incomplete);
        QVERIFY(!report->plannerDecidesTest.incomplete);
        for (const auto& [model, figures] : report->singleModelsTest)
            QVERIFY2(!figures.incomplete && figures.callsPerItem == 1.0, model.c_str());
        QCOMPARE(report->policy.parameters.size(), size_t(report->policy.parameterCount()));
        page.save(); // the policy kept is a policy like any other
        QVERIFY(saved.wait(kWait));
        QCOMPARE(saved.last().at(0).toString(), QString("cut@1"));
    }

    void aBudgetTooSmallStopsAtTheCap() {
        Lab lab;
        QVERIFY(lab.page);
        ui::TrainingLabPage& page = *lab.page;
        QSignalSpy trained(&page, &ui::TrainingLabPage::trained);
        const double capUsd = 0.002;
        setOptions(page, 50, 50, capUsd, "small");
        page.train();
        QVERIFY(trained.wait(kWait));
        const auto& report = page.report();
        QVERIFY(report.has_value());
        QVERIFY2(report->stopReason.starts_with("the training budget cap was reached"), report->stopReason.c_str());
        QVERIFY2(page.stopReason().contains("the training budget cap was reached"), qPrintable(page.stopReason()));
        const core::Money cap = core::Money::fromUsd(capUsd);
        QVERIFY(report->spent.pico <= cap.pico);
        auto reader = lab.session->reader();
        QVERIFY(reader.has_value());
        auto calls = core::loadCalls(**reader, report->runId);
        QVERIFY(calls.has_value());
        QVERIFY(!calls->empty());
        core::Money logged;
        for (const auto& call : *calls) {
            QVERIFY2(call.cost.has_value(), "a simulated call's cost is known");
            logged = logged + *call.cost;
        }
        QVERIFY2(logged.pico <= cap.pico, qPrintable(QString::number(logged.usd(), 'g', 12)));
        QCOMPARE(logged.pico, report->spent.pico);
    }

    // For tools/screenshots.sh only (skipped otherwise): a longer training on a bigger demo set,
    // the window at 1600x1000 on the Training lab.
    void screenshot() {
        QString out = qEnvironmentVariable("BATON_SCREENSHOT_DIR");
        if (out.isEmpty()) QSKIP("set BATON_SCREENSHOT_DIR (tools/screenshots.sh) to take the screenshot");
        QTemporaryDir dir;
        ui::settings::onboarded.set(true); // no first-start hint over the page
        auto session = ui::WorkbenchSession::openDemo(dir.filePath("w.db"), 12);
        QVERIFY(session.has_value());
        ui::MainWindow window(session->get());
        auto* page = window.findChild<ui::TrainingLabPage*>();
        QSignalSpy trained(page, &ui::TrainingLabPage::trained);
        setOptions(*page, 12, 12, 20.0, "demo-ultra");
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showPage(page);
        page->train();
        QVERIFY(trained.wait(kWait));
        QTest::qWait(300);
        QVERIFY(window.grab().save(out + "/training-lab.png"));
    }
};

QTEST_MAIN(TestTrainingLabPage)
#include "tst_training_lab_page.moc"
