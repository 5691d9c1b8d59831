// SPDX-License-Identifier: MIT
// Issue 17, prices that move, from the command line: a price list imported into the workspace
// twice is one dated version; `prices versions` lists them; a run re-priced with a stored version
// costs what it costs with the same file; an unknown version is refused with the versions there
// are; `reprice` says which dated prices the run was recorded with.

#include "cli_process.h"
#include "io/task_export.h"
#include "sim/demo_tasks.h"
#include "util/resources.h"
#include "util/sha256.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace baton::core;
using baton::test::runCli;

namespace {

// gpt-4o and gpt-4o-mini at other prices than the bundled book's (2.5/10 and 0.15/0.6 per 1M).
std::string priceList(double gptIn, double gptOut) {
    nlohmann::json list = {
        {"sample_spec", {{"input_cost_per_token", 0.0}}},
        {"gpt-4o",
         {{"input_cost_per_token", gptIn}, {"output_cost_per_token", gptOut}, {"litellm_provider", "openai"}}},
        {"gpt-4o-mini",
         {{"input_cost_per_token", 3e-07}, {"output_cost_per_token", 1.2e-06}, {"litellm_provider", "openai"}}}};
    return list.dump(1) + "\n";
}

} // namespace

class TestCliPrices : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db, m_list, m_newer;

    QString path(const char* name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        std::ofstream(path("tasks.jsonl").toStdString()) << taskSetToJsonl(generateDemoTasks(6, 2));
        // The demo pool with two models priced by id from the bundled book (as of 2025-04-14).
        auto pool = nlohmann::json::parse(std::string(*embeddedResource("demo/pool.json")));
        for (auto& m : pool["models"]) {
            if (m["name"] == "sim/flash") m["price"] = "openai/gpt-4o";
            if (m["name"] == "sim/coder") m["price"] = "openai/gpt-4o-mini";
        }
        std::ofstream(path("pool.json").toStdString()) << pool.dump(2);
        m_db = path("w.db");
        auto run = runCli({"run", "--pool", path("pool.json"), "--tasks", path("tasks.jsonl"), "--db", m_db,
                           "--strategy", "by-category", "--json"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        m_list = path("model_prices_and_context_window.json");
        std::ofstream(m_list.toStdString()) << priceList(5e-06, 2e-05);
        m_newer = path("newer.json");
        std::ofstream(m_newer.toStdString()) << priceList(1e-06, 4e-06);
    }

    void importedTwiceIsOneVersion() {
        auto first = runCli({"prices", "import", m_list, "--db", m_db, "--as-of", "2026-05-01", "--source",
                             "gateway list", "--out", path("book.json"), "--json"});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QJsonObject v = first.json()["version"].toObject();
        QCOMPARE(v["id"].toInt(), 1);
        QCOMPARE(v["created"].toBool(), true);
        QCOMPARE(v["models"].toInt(), 2);
        QVERIFY(QFile::exists(path("book.json"))); // --out still writes the book
        auto second = runCli({"prices", "import", m_list, "--db", m_db, "--as-of", "2026-06-01"});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QVERIFY2(second.out.contains("already stored as price version 1 (as of 2026-05-01)"), second.out.constData());

        auto listed = runCli({"prices", "versions", "--db", m_db, "--json"});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QJsonArray versions = listed.json()["versions"].toArray();
        QCOMPARE(versions.size(), 1);
        QJsonObject only = versions[0].toObject();
        QCOMPARE(only["as_of"].toString(), QString("2026-05-01"));
        QCOMPARE(only["source"].toString(), QString("gateway list"));
        QCOMPARE(only["models"].toInt(), 2);
        std::string sha = sha256Hex(priceList(5e-06, 2e-05));
        QCOMPARE(only["sha256"].toString().toStdString(), sha);

        // Another list: a second version, listed first (newest prices first).
        auto newer = runCli({"prices", "import", m_newer, "--db", m_db, "--as-of", "2026-07-01"});
        QVERIFY2(newer.out.contains("stored as price version 2"), newer.out.constData());
        auto text = runCli({"prices", "versions", "--db", m_db});
        QCOMPARE(text.exitCode, 0);
        int second2 = text.out.indexOf("2026-07-01"), first1 = text.out.indexOf("2026-05-01");
        QVERIFY2(second2 > 0 && first1 > second2, text.out.constData());
        QVERIFY(text.out.contains(QByteArray::fromStdString(sha.substr(0, 12))));
        QVERIFY(text.out.contains("gateway list"));
    }

    void repricedByVersionAsByTheSameFile() {
        auto byVersion = runCli({"reprice", "1", "--db", m_db, "--price-version", "1", "--json"});
        QVERIFY2(byVersion.exitCode == 0, byVersion.err.constData());
        auto byFile = runCli({"reprice", "1", "--db", m_db, "--prices", m_list, "--as-of", "2026-05-01", "--json"});
        QVERIFY2(byFile.exitCode == 0, byFile.err.constData());
        QJsonObject v = byVersion.json(), f = byFile.json();
        QCOMPARE(v["price_version"].toInt(), 1);
        v.remove("price_version");
        f.remove("price_version");
        QCOMPARE(v, f);
        // The version does change the figure, and another version gives another one.
        double recorded = v["recorded_usd"].toDouble(), repriced = v["repriced_usd"].toDouble();
        QVERIFY2(repriced > recorded * 1.01, qPrintable(QString("%1 vs %2").arg(repriced).arg(recorded)));
        auto other = runCli({"reprice", "1", "--db", m_db, "--price-version", "2", "--json"});
        QVERIFY(other.json()["repriced_usd"].toDouble() < repriced);
        // What the run was recorded with, from its own snapshot: the book's date and the pool's.
        QJsonArray dates = v["recorded_prices_as_of"].toArray();
        QCOMPARE(dates, (QJsonArray{"2025-04-14", "2026-11-25"}));
        auto text = runCli({"reprice", "1", "--db", m_db, "--price-version", "1"});
        QVERIFY2(text.out.contains("with price version 1; recorded with prices as of 2025-04-14 and 2026-11-25"),
                 text.out.constData());
        QVERIFY(text.out.contains("new price list (as of 2026-05-01)"));
    }

    void unknownVersionIsRefusedWithTheVersionsThereAre() {
        auto r = runCli({"reprice", "1", "--db", m_db, "--price-version", "9"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no price version 9"), r.err.constData());
        QVERIFY2(r.err.contains("2 (as of 2026-07-01), 1 (as of 2026-05-01)"), r.err.constData());
        QCOMPARE(runCli({"reprice", "1", "--db", m_db, "--price-version", "0"}).exitCode, 2);
        QCOMPARE(runCli({"reprice", "1", "--db", m_db, "--price-version", "1", "--prices", m_list}).exitCode, 2);
        // --as-of dates a file's entries only: with a stored version it would be silently ignored.
        auto asOf = runCli({"reprice", "1", "--db", m_db, "--price-version", "1", "--as-of", "2026-01-01"});
        QCOMPARE(asOf.exitCode, 2);
        QVERIFY2(asOf.err.contains("keeps its own date"), asOf.err.constData());
        QCOMPARE(runCli({"reprice", "1", "--db", m_db, "--as-of", "2026-01-01"}).exitCode, 2);
        QCOMPARE(runCli({"prices", "versions"}).exitCode, 2);
        QCOMPARE(runCli({"prices", "import", m_list}).exitCode, 2);
        auto empty = runCli({"prices", "versions", "--db", path("empty.db")});
        QCOMPARE(empty.exitCode, 1); // no such workspace
        QVERIFY(runCli({"prices", "versions", "--help"}).out.contains("newest first"));
        QVERIFY(runCli({"reprice", "--help"}).out.contains("--price-version N"));
        QVERIFY(runCli({"prices", "import", "--help"}).out.contains("the same bytes imported"));
    }
};

QTEST_GUILESS_MAIN(TestCliPrices)
#include "tst_cli_prices.moc"
