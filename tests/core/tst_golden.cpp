// SPDX-License-Identifier: MIT
// Golden files: every case folder tests/data/report/<case>/, tests/data/task_import/<case>/ and
// tests/data/prices/<case>/ holds input/ and expected/; the outputs (the report as text, CSV,
// JSON, HTML page and XLSX cells; the task importer's items and problems; the community price
// list as a price book) must equal the expected files byte for byte. tests/data/GOLDEN.md says
// how each case's figures were worked out by hand, and how to regenerate them after an intended
// change (BATON_REGENERATE_GOLDEN=1, then review the diff).

#include "bundle/report_document.h"
#include "eval/run_report.h"
#include "io/html_report.h"
#include "io/task_export.h"
#include "io/task_import.h"
#include "io/xlsx_tables.h"
#include "pricing/community_prices.h"
#include "util/file_io.h"
#include "xlsx_cells.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace baton::core;

namespace {


std::string read(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Compares `actual` with expected/<name>, or writes it there when regenerating.
void expectFile(const QString& dir, const QString& name, const std::string& actual) {
    QString path = dir + "/expected/" + name;
    if (qEnvironmentVariableIsSet("BATON_REGENERATE_GOLDEN")) {
        std::ofstream(path.toStdString(), std::ios::binary) << actual;
        return;
    }
    QVERIFY2(QFile::exists(path), qPrintable(path + " is missing; regenerate (see the top of tst_golden.cpp)"));
    std::string expected = read(path);
    if (actual != expected) {
        std::ofstream(path.toStdString() + ".actual", std::ios::binary) << actual;
        QFAIL(qPrintable(path + " differs; the output is in " + path + ".actual"));
    }
}

std::string diagnosticsText(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (const auto& d : ds)
        out += d.toString() + "\n";
    return out.empty() ? "none\n" : out;
}

void reportCase(const QString& dir) {
    auto tasks = importTasks((dir + "/input/tasks.jsonl").toStdString(), {});
    QVERIFY2(tasks, tasks ? "" : tasks.error().describe().c_str());
    auto run = nlohmann::json::parse(read(dir + "/input/run.json"));
    auto report = buildReport(run["run_id"], run["outcomes"].get<std::vector<Outcome>>(),
                              run["calls"].get<std::vector<Call>>(), tasks->set,
                              run["baselines"].get<std::vector<std::string>>(), run["seed"]);
    expectFile(dir, "report.txt", toText(report));
    expectFile(dir, "report.csv", toCsv(report));
    expectFile(dir, "report.json", toJson(report).dump(2) + "\n");
    // The files people share: the run's own record gives the pool, its prices and the title.
    QVERIFY2(QFile::exists(dir + "/input/run_record.json"), "a report case needs input/run_record.json (GOLDEN.md)");
    auto record = nlohmann::json::parse(read(dir + "/input/run_record.json")).get<Run>();
    expectFile(dir, "report.html", toHtml(reportHtmlDocument(report, record)));
    QTemporaryDir out;
    QVERIFY(out.isValid());
    std::string xlsx = out.filePath("report.xlsx").toStdString();
    auto written = writeXlsx(xlsx, reportTables(report, record));
    QVERIFY2(written, written ? "" : written.error().describe().c_str());
    expectFile(dir, "report.xlsx.txt", baton::test::xlsxCells(xlsx));
}

// Every entry is stamped with the same date and source, so the book depends on the list only.
void pricesCase(const QString& dir) {
    auto list = readCommunityPrices(read(dir + "/input/prices.json"), "input/prices.json", "2026-11-20", "golden list");
    expectFile(dir, "problems.txt",
               list ? "entries skipped (no per-token input and output prices): " + std::to_string(list->skipped) + "\n"
                    : list.error().describe() + "\n");
    expectFile(dir, "book.json", list ? list->book.toJsonText() : "");
}

void tasksCase(const QString& dir) {
    ImportOptions options;
    QString input = dir + "/input/tasks.jsonl";
    if (!QFile::exists(input)) input = dir + "/input/tasks.csv";
    if (QFile::exists(dir + "/input/options.json")) {
        auto o = nlohmann::json::parse(read(dir + "/input/options.json"));
        for (const auto& m : o.value("map", nlohmann::json::array()))
            QVERIFY(applyMapping(options.mapping, m.get<std::string>()));
        options.skipBad = o.value("skip_bad", false);
    }
    options.name = "golden";
    auto imported = importTasks(input.toStdString(), options);
    std::string problems = imported ? diagnosticsText(imported->skipped) : imported.error().describe() + "\n";
    // Paths in messages are relative to the case, so the files do not depend on the checkout.
    for (size_t at; (at = problems.find(dir.toStdString() + "/")) != std::string::npos;)
        problems.erase(at, dir.size() + 1);
    expectFile(dir, "problems.txt", problems);
    expectFile(dir, "tasks.jsonl", imported ? taskSetToJsonl(imported->set) : "");
}

} // namespace

class TestGolden : public QObject {
    Q_OBJECT
private slots:
    void golden_data() {
        QTest::addColumn<QString>("dir");
        for (QString output : {"report", "task_import", "prices"}) {
            QString root = QString(BATON_TEST_DATA) + "/" + output;
            for (const QString& name : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                QTest::newRow(qPrintable(output + "/" + name)) << root + "/" + name;
        }
    }
    void golden() {
        QFETCH(QString, dir);
        if (dir.contains("/report/"))
            reportCase(dir);
        else if (dir.contains("/prices/"))
            pricesCase(dir);
        else
            tasksCase(dir);
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
