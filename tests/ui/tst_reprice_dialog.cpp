// SPDX-License-Identifier: MIT
// Issue 17, prices that move, in the workbench: Runs > "Reprice with..." re-prices a past run with
// a community price list file, or with a price version stored in the workspace (offered newest
// first with its date) and a vendor's prices raised by x%, beside its recorded cost; the figures
// are the core's, and the recorded run is unchanged.

#include "bundle/stored_prices.h"
#include "demo_session.h"
#include "pricing/community_prices.h"
#include "reprice_dialog.h"
#include "run_page_start.h"
#include "runs_page.h"
#include "settings.h"
#include "store/call_log.h"
#include "store/price_versions.h"
#include "util/sha256.h"
#include "workbench_session.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace baton;

namespace {

// gpt-4o and gpt-4o-mini per token, in the community format.
std::string communityList(double gptIn, double gptOut, double miniIn, double miniOut) {
    auto entry = [](double in, double out) {
        return nlohmann::json{{"input_cost_per_token", in},
                              {"output_cost_per_token", out},
                              {"litellm_provider", "openai"},
                              {"mode", "chat"}};
    };
    nlohmann::json list = {{"sample_spec", {{"input_cost_per_token", 0.0}}},
                           {"gpt-4o", entry(gptIn, gptOut)},
                           {"gpt-4o-mini", entry(miniIn, miniOut)}};
    return list.dump(1) + "\n";
}

double usdAt(const ui::RepriceModel& model, int row, int column) {
    return model.index(row, column).data(Qt::UserRole).toDouble();
}

} // namespace

class TestRepriceDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<ui::WorkbenchSession> m_session;
    core::Pool m_pool;
    qint64 m_run = 0;
    std::map<std::string, std::pair<double, double>> m_perToken; // model -> the file's input, output USD per token
    int64_t m_older = 0, m_newer = 0;                            // stored versions

    // The Runs page with the run selected, "Reprice with..." clicked and the choices read.
    ui::RepriceDialog* offer(ui::RunsPage& runs) {
        QSignalSpy loaded(&runs, &ui::RunsPage::historyLoaded);
        if (!loaded.wait(30000)) return nullptr;
        runs.historyView()->selectRow(0);
        ui::RepriceDialog* dialog = runs.repriceDialog();
        QSignalSpy offered(dialog, &ui::RepriceDialog::choicesLoaded);
        for (QPushButton* b : runs.findChildren<QPushButton*>())
            if (b->text().remove('&') == "Reprice with..." && b->isEnabled()) b->click();
        return offered.wait(30000) && dialog->isVisible() ? dialog : nullptr;
    }

    int64_t storeVersion(const std::string& text, const std::string& asOf) {
        auto read = core::readCommunityPrices(text, "list.json", asOf, "gateway list");
        if (!read) return 0;
        core::PriceVersion v{0,
                             1,
                             asOf,
                             "gateway list",
                             core::sha256Hex(text),
                             int64_t(read->book.entries().size()),
                             read->book.toJsonText()};
        int64_t id = 0;
        auto ok = m_session->writer()
                      .submit([&](core::SqliteDb& db) -> core::Status {
                          auto saved = core::savePriceVersion(db, v);
                          if (!saved) return std::unexpected(saved.error());
                          id = saved->version.id;
                          return {};
                      })
                      .get();
        return ok ? id : 0;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_session = test::openTestDemo(m_dir.filePath("w.db"));
        QVERIFY(m_session);
        // Two models named by price id (in the bundled book, so the run prices them), the others inline.
        m_pool = m_session->pool();
        const char* ids[] = {"gpt-4o", "gpt-4o-mini"};
        const double prices[][2] = {{3e-06, 1.1e-05}, {2e-07, 7e-07}};
        for (int i = 0; i < 2; ++i) {
            m_pool.models[size_t(i)].priceOverride.reset();
            m_pool.models[size_t(i)].priceRef = std::string("openai/") + ids[i];
            m_perToken[m_pool.models[size_t(i)].name] = {prices[i][0], prices[i][1]};
        }
        m_session->usePool(m_pool);
        m_run = test::runAndWait(*m_session, {"by-category"});
        QVERIFY(m_run > 0);
        std::ofstream(m_dir.filePath("model_prices_and_context_window.json").toStdString())
            << communityList(prices[0][0], prices[0][1], prices[1][0], prices[1][1]);
        m_older = storeVersion(communityList(4e-06, 1.6e-05, 4e-07, 1.6e-06), "2026-03-01");
        m_newer = storeVersion(communityList(1e-06, 4e-06, 1e-07, 4e-07), "2026-07-01");
        QVERIFY(m_older > 0 && m_newer > m_older);
    }

    void repriceWithACommunityPriceList() {
        // Expected, from the calls and the file: priced models at the new prices, the others as recorded.
        auto reader = m_session->reader();
        const auto calls = core::loadCalls(**reader, m_run).value();
        double recorded = 0, expected = 0;
        int priced = 0;
        std::map<std::string, double> expectedByStrategy;
        for (const auto& c : calls) {
            QVERIFY(c.cost.has_value());
            recorded += c.cost->usd();
            double cost = c.cost->usd();
            if (auto p = m_perToken.find(c.model); p != m_perToken.end() && (c.usage.input || c.usage.output)) {
                QVERIFY(!c.usage.cachedInput.value_or(0) && !c.usage.cacheWrite.value_or(0) &&
                        !c.usage.reasoning.value_or(0));
                cost = double(c.usage.input.value_or(0)) * p->second.first +
                       double(c.usage.output.value_or(0)) * p->second.second;
                ++priced;
            }
            expected += cost;
            expectedByStrategy[c.strategy] += cost;
        }
        QVERIFY(priced > 0);
        QVERIFY(std::fabs(expected - recorded) > 1e-6); // the list does change the figure

        ui::RunsPage runs(*m_session);
        ui::RepriceDialog* dialog = offer(runs);
        QVERIFY(dialog);
        QString list = m_dir.filePath("model_prices_and_context_window.json");
        QStringList starts;
        dialog->choosePriceFile = [&](const QString& start) { return starts << start, list; };
        dialog->choices()->selectFile();
        QSignalSpy repriced(dialog, &ui::RepriceDialog::repriced);
        dialog->repriceButton()->click();
        QVERIFY(repriced.wait(30000));
        QCOMPARE(starts.size(), 1);
        const ui::RepriceModel& model = dialog->strategyModel();
        QAbstractItemModelTester tester(const_cast<ui::RepriceModel*>(&model),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester modelTester(const_cast<ui::RepriceModel*>(&dialog->modelModel()),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        int last = model.rowCount() - 1;
        QCOMPARE(model.index(last, ui::RepriceModel::Name).data().toString(), QString("Whole run"));
        QCOMPARE(model.index(last, ui::RepriceModel::Detail).data().toLongLong(), qlonglong(calls.size()));
        QVERIFY(std::fabs(usdAt(model, last, ui::RepriceModel::Recorded) - recorded) < 1e-9);
        double total = usdAt(model, last, ui::RepriceModel::Repriced);
        QVERIFY2(std::fabs(total - expected) < 1e-9, qPrintable(QString("%1 vs %2").arg(total).arg(expected)));
        QCOMPARE(size_t(last), expectedByStrategy.size());
        for (int row = 0; row < last; ++row) {
            std::string name = model.index(row, ui::RepriceModel::Name).data().toString().toStdString();
            QVERIFY(expectedByStrategy.count(name));
            QVERIFY(std::fabs(usdAt(model, row, ui::RepriceModel::Repriced) - expectedByStrategy[name]) < 1e-9);
        }
        const ui::RepriceModel& byModel = dialog->modelModel();
        QCOMPARE(byModel.rowCount(), int(m_pool.models.size()));
        QVERIFY(byModel.index(0, ui::RepriceModel::Detail).data().toString().contains("new price list"));
        QVERIFY(byModel.index(2, ui::RepriceModel::Detail).data().toString().contains("pool's own prices"));
        QCOMPARE(ui::settings::priceFolder.get(), m_dir.path());

        // The recorded run is unchanged.
        double after = 0;
        const auto stored = core::loadCalls(**reader, m_run).value(); // kept alive: not .value() of a temporary
        for (const auto& c : stored)
            after += c.cost->usd();
        QCOMPARE(after, recorded);

        // A file that is not a price list: said in the dialog.
        QString bad = m_dir.filePath("bad.json");
        std::ofstream(bad.toStdString()) << "{\"schema\": 1, \"entries\": [{\"id\": 3}]}";
        QSignalSpy failed(dialog, &ui::RepriceDialog::failed);
        runs.repriceWith(m_run, bad);
        QVERIFY(failed.wait(30000));
        QVERIFY2(dialog->statusText().contains(bad), qPrintable(dialog->statusText()));
        QCOMPARE(dialog->strategyModel().rowCount(), 0);
    }

    void repriceWithAStoredVersionAndAVendorRaise() {
        ui::RunsPage runs(*m_session);
        ui::RepriceDialog* dialog = offer(runs);
        QVERIFY(dialog);
        // Offered: the run's own prices, the versions newest first with their dates, a file.
        QComboBox* source = dialog->choices()->sourceBox();
        QCOMPARE(source->count(), 4);
        QVERIFY2(source->itemText(1).contains("as of 2026-07-01"), qPrintable(source->itemText(1)));
        QVERIFY2(source->itemText(2).contains("as of 2026-03-01"), qPrintable(source->itemText(2)));
        QCOMPARE(source->currentIndex(), 1); // the newest version first
        // The run's vendors are offered for a raise.
        QComboBox* vendors = dialog->choices()->vendorBox();
        QCOMPARE(vendors->count(), 4); // none, sim-a, sim-b, sim-c
        QVERIFY(dialog->statusText().contains("recorded with prices as of 2025-04-14 and 2026-11-25"));

        // The older version, and sim-b (sim/mini, priced by the version, and sim/pro, inline) up 30%.
        QVERIFY(dialog->choices()->selectVersion(m_older));
        QVERIFY(dialog->choices()->setRaise("sim-b", 30));
        QSignalSpy repriced(dialog, &ui::RepriceDialog::repriced);
        dialog->repriceButton()->click();
        QVERIFY(repriced.wait(30000));

        // The core's figures for the same choice, and for the version alone and the raise alone.
        auto reader = m_session->reader();
        core::RepriceSource chosen;
        chosen.version = m_older;
        chosen.raisePercent = {{"sim-b", 30.0}};
        auto expected = core::repriceStoredRun(**reader, m_run, chosen);
        QVERIFY(expected && expected->repricedTotal);
        core::RepriceSource versionOnly = chosen, raiseOnly = chosen;
        versionOnly.raisePercent.clear();
        raiseOnly.version.reset();
        double both = expected->repricedTotal->usd();
        double version = core::repriceStoredRun(**reader, m_run, versionOnly)->repricedTotal->usd();
        double raise = core::repriceStoredRun(**reader, m_run, raiseOnly)->repricedTotal->usd();
        QVERIFY(std::fabs(both - version) > 1e-6 && std::fabs(both - raise) > 1e-6); // each choice counts

        const ui::RepriceModel& model = dialog->strategyModel();
        int last = model.rowCount() - 1;
        double total = usdAt(model, last, ui::RepriceModel::Repriced);
        QVERIFY2(std::fabs(total - both) < 1e-12, qPrintable(QString("%1 vs %2").arg(total).arg(both)));
        const ui::RepriceModel& byModel = dialog->modelModel();
        QVERIFY(byModel.index(1, ui::RepriceModel::Detail).data().toString().contains("as of 2026-03-01"));
        QVERIFY(byModel.index(1, ui::RepriceModel::Detail).data().toString().contains("raised 30%"));
        QVERIFY(!byModel.index(0, ui::RepriceModel::Detail).data().toString().contains("raised"));
        QVERIFY2(dialog->statusText().contains(
                     QString("price version %1, vendor sim-b's prices raised by 30%").arg(m_older)),
                 qPrintable(dialog->statusText()));
    }
};

QTEST_MAIN(TestRepriceDialog)
#include "tst_reprice_dialog.moc"
