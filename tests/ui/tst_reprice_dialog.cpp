// SPDX-License-Identifier: MIT
// Issue 17, prices that move, in the workbench: Runs > "Reprice with..." re-prices a past run with
// a community price list file, or with a price version stored in the workspace (offered newest
// first with its date) and a vendor's prices raised by x%, beside its recorded cost; the figures
// are the core's, and the recorded run is unchanged.

#include "bundle/price_version_import.h"
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
#include <QDateTime>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
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
        core::PriceListFile list{"list.json", text, *read, asOf, "gateway list"};
        int64_t id = 0;
        auto ok = m_session->writer()
                      .submit([&](core::SqliteDb& db) -> core::Status {
                          auto saved = core::storePriceList(db, list);
                          if (!saved) return std::unexpected(saved.error());
                          id = saved->version.id;
                          return {};
                      })
                      .get();
        return ok ? id : 0;
    }

    std::vector<core::PriceVersion> storedVersions() {
        auto reader = m_session->reader();
        if (!reader) return {};
        auto versions = core::listPriceVersions(**reader);
        return versions ? *versions : std::vector<core::PriceVersion>{};
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

    // Issue 17: a price list kept as a dated version from the workbench, as `prices import --db`
    // does: the file read off the GUI thread, stored through the session's writer, offered at once.
    void importPriceListStoresADatedVersionOnce() {
        ui::RunsPage runs(*m_session);
        ui::RepriceDialog* dialog = offer(runs);
        QVERIFY(dialog);
        QVERIFY(dialog->importButton()->isEnabled());
        const size_t before = storedVersions().size();
        QVERIFY(before >= 2);

        // A bad file: what, where, what to do; nothing stored.
        QString bad = m_dir.filePath("bad_prices.json");
        std::ofstream(bad.toStdString())
            << nlohmann::json{{"gpt-x",
                               {{"input_cost_per_token", "abc"},
                                {"output_cost_per_token", 1e-06},
                                {"litellm_provider", "openai"}}}}
                   .dump();
        QStringList asked;
        dialog->choosePriceFile = [&](const QString& start) { return asked << start, bad; };
        QSignalSpy failed(dialog, &ui::RepriceDialog::failed);
        QSignalSpy imported(dialog, &ui::RepriceDialog::priceListImported);
        dialog->importButton()->click();
        QVERIFY(failed.wait(30000));
        QCOMPARE(asked.size(), 1);
        QString status = dialog->statusText();
        QVERIFY2(status.contains(bad) && status.contains("invalid price list") && status.contains("input_cost_per_token") &&
                     status.contains("community format") && status.contains("nothing was stored"),
                 qPrintable(status));
        QCOMPARE(imported.count(), 0);
        QCOMPARE(storedVersions().size(), before);
        QVERIFY(dialog->importButton()->isEnabled() && dialog->repriceButton()->isEnabled());

        // A good file: a new version dated today (UTC), selected among the choices at once.
        QString good = m_dir.filePath("gateway_prices.json");
        const std::string bytes = communityList(5e-06, 2e-05, 5e-07, 2e-06);
        std::ofstream(good.toStdString()) << bytes;
        dialog->choosePriceFile = [&](const QString& start) { return asked << start, good; };
        QSignalSpy loaded(dialog, &ui::RepriceDialog::choicesLoaded);
        dialog->importButton()->click();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(imported.count(), 1);
        const qint64 id = imported.at(0).at(0).toLongLong();
        QCOMPARE(imported.at(0).at(1).toBool(), true);
        QVERIFY(id > m_newer);
        const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
        status = dialog->statusText();
        QVERIFY2(status.contains(QString("Stored %1 as price version %2 dated %3").arg(good).arg(id).arg(today)),
                 qPrintable(status));
        auto versions = storedVersions();
        QCOMPARE(versions.size(), before + 1);
        auto stored = std::find_if(versions.begin(), versions.end(), [&](const auto& v) { return v.id == id; });
        QVERIFY(stored != versions.end());
        QCOMPARE(QString::fromStdString(stored->asOf), today);
        QCOMPARE(QString::fromStdString(stored->source), good);
        QCOMPARE(stored->modelCount, int64_t(2));
        QCOMPARE(stored->sha256, core::sha256Hex(bytes));
        QCOMPARE(ui::settings::priceFolder.get(), m_dir.path());
        // The dialog's version list shows it, selected.
        QCOMPARE(dialog->choices()->sourceBox()->count(), int(before + 3));
        QVERIFY(dialog->choices()->version() == std::optional<qint64>(id));
        QVERIFY2(dialog->choices()->sourceBox()->currentText().contains("as of " + today),
                 qPrintable(dialog->choices()->sourceBox()->currentText()));

        // Re-priced with it: the core's figure for that version.
        QSignalSpy repriced(dialog, &ui::RepriceDialog::repriced);
        dialog->repriceButton()->click();
        QVERIFY(repriced.wait(30000));
        auto reader = m_session->reader();
        core::RepriceSource withIt;
        withIt.version = id;
        auto expected = core::repriceStoredRun(**reader, m_run, withIt);
        QVERIFY(expected && expected->repricedTotal);
        const ui::RepriceModel& model = dialog->strategyModel();
        QVERIFY(std::fabs(usdAt(model, model.rowCount() - 1, ui::RepriceModel::Repriced) -
                          expected->repricedTotal->usd()) < 1e-12);

        // The same bytes again: the same version, nothing added.
        QSignalSpy again(dialog, &ui::RepriceDialog::choicesLoaded);
        dialog->importButton()->click();
        QVERIFY(again.wait(30000));
        QCOMPARE(imported.count(), 2);
        QCOMPARE(imported.at(1).at(0).toLongLong(), id);
        QCOMPARE(imported.at(1).at(1).toBool(), false);
        QVERIFY2(dialog->statusText().contains(QString("already stored as price version %1").arg(id)),
                 qPrintable(dialog->statusText()));
        QCOMPARE(storedVersions().size(), before + 1);
    }
};

QTEST_MAIN(TestRepriceDialog)
#include "tst_reprice_dialog.moc"
