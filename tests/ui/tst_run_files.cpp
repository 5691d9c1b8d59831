// SPDX-License-Identifier: MIT
// Issue 17 in the workbench: File > Export run bundle / Open bundle (a bundle exported then opened
// shows 0 differences and imports as a run with the same figures; one changed byte of a call is
// named and the import is not offered), the report shared as the HTML page and XLSX workbook the
// CLI writes, and a key that never enters a bundle or an export (canary). Re-pricing a run is in
// tst_reprice_dialog.

#include "bundle/report_document.h"
#include "bundle/zip_archive.h"
#include "bundle_actions.h"
#include "bundle_tamper.h"
#include "demo_session.h"
#include "eval/run_report.h"
#include "io/html_report.h"
#include "main_window.h"
#include "results_page.h"
#include "run_page.h"
#include "run_page_start.h"
#include "settings.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/store_writer.h"
#include "util/redact.h"
#include "workbench_session.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <cmath>
#include <fstream>

using namespace baton;

namespace {

const char* const kCanary = "sk-canary-Gq7Tz2Lm8Wp4Xr1Vb6Nc3Yd9Hs5Jk0";

QAction* fileAction(const QMainWindow& window, const QString& text) {
    for (const QAction* menu : window.menuBar()->actions())
        if (menu->text().remove('&') == "File")
            for (QAction* a : menu->menu()->actions())
                if (a->text().remove('&') == text) return a;
    return nullptr;
}

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int canaryHits(const QByteArray& bytes) {
    int hits = 0;
    for (const auto& form : core::secretForms(kCanary))
        hits += int(bytes.count(QByteArray::fromStdString(form)));
    return hits;
}

} // namespace

class TestRunFiles : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<ui::WorkbenchSession> m_session;
    qint64 m_run = 0;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_session = test::openTestDemo(m_dir.filePath("w.db"));
        QVERIFY(m_session);
        // The canary: one model's key, looked up from the environment and sent with its calls.
        qputenv("BATON_GUI_CANARY_KEY", kCanary);
        core::Pool pool = m_session->pool();
        pool.models.front().keyRef = {core::KeyRef::Kind::Env, "BATON_GUI_CANARY_KEY"};
        m_session->usePool(pool);
        m_run = test::runAndWait(*m_session, {"by-category"});
        QVERIFY(m_run > 0);
    }

    void bundleExportedThenOpenedHasNoDifferenceAndImports() {
        ui::MainWindow window(m_session.get());
        QSignalSpy shown(&window, &ui::MainWindow::runShown);
        window.show();
        QAction* exportBundle = fileAction(window, "Export run bundle...");
        QAction* openBundle = fileAction(window, "Open bundle...");
        QVERIFY(exportBundle && openBundle);
        QVERIFY(!exportBundle->isEnabled()); // no run shown yet
        QVERIFY(shown.wait(30000));
        QCOMPARE(window.shownRun(), m_run);
        QVERIFY(exportBundle->isEnabled());

        ui::BundleActions* bundles = window.bundleActions();
        QString zip = m_dir.filePath("bundles/run");
        QDir().mkpath(m_dir.filePath("bundles"));
        QStringList starts;
        bundles->choosePath = [&](bool, const QString& start) { return starts << start, zip; };
        QSignalSpy exported(bundles, &ui::BundleActions::exported);
        exportBundle->trigger();
        QVERIFY(exported.wait(60000));
        QCOMPARE(exported.first().first().toString(), zip + ".zip"); // the suffix added
        QVERIFY(window.statusBar()->currentMessage().contains(zip + ".zip"));
        QCOMPARE(ui::settings::bundleFolder.get(), m_dir.filePath("bundles"));

        auto reader = m_session->reader();
        QVERIFY(reader);
        const auto calls = core::loadCalls(**reader, m_run).value();
        const auto outcomes = core::loadOutcomes(**reader, m_run).value();
        QStringList shownTexts;
        bool offered = false;
        bundles->choosePath = [&](bool, const QString& start) { return starts << start, zip + ".zip"; };
        bundles->showCheck = [&](const QString& text, const QStringList&, bool canImport) {
            shownTexts << text;
            offered = canImport;
            return true;
        };
        QSignalSpy checked(bundles, &ui::BundleActions::checked);
        QSignalSpy imported(bundles, &ui::BundleActions::imported);
        openBundle->trigger();
        QVERIFY(checked.wait(60000));
        QCOMPARE(starts.last(), m_dir.filePath("bundles")); // the folder remembered
        QString text = checked.first().first().toString();
        QCOMPARE(checked.first().at(1).toStringList(), QStringList());
        QVERIFY2(text.contains(": 0 differences"), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("%1 calls").arg(calls.size())), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("%1 outcomes").arg(outcomes.size())), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("run %1 exported").arg(m_run)), qPrintable(text)); // the manifest's
        QVERIFY(offered);

        // Imported as a new run, which then opens with the same figures.
        QVERIFY(imported.wait(60000) || !imported.isEmpty());
        qint64 copy = imported.first().first().toLongLong();
        QVERIFY(copy > m_run);
        QVERIFY(shown.wait(30000));
        QCOMPARE(window.shownRun(), copy);
        auto original = core::loadRunReport(**reader, m_run).value();
        auto again = core::loadRunReport(**reader, copy).value();
        QCOMPARE(again.strategies.size(), original.strategies.size());
        for (size_t i = 0; i < original.strategies.size(); ++i) {
            QCOMPARE(again.strategies[i].name, original.strategies[i].name);
            QCOMPARE(again.strategies[i].accuracy, original.strategies[i].accuracy);
            QCOMPARE(again.strategies[i].knownCost.pico, original.strategies[i].knownCost.pico);
        }
        QCOMPARE(core::loadCalls(**reader, copy)->size(), calls.size());

        // The same bundle opened again adds nothing: the status bar names the run it became.
        size_t runsNow = core::listRuns(**reader).value().size();
        QSignalSpy said(bundles, &ui::BundleActions::statusMessage);
        openBundle->trigger();
        QVERIFY(imported.wait(60000));
        QCOMPARE(imported.last().first().toLongLong(), copy);
        QCOMPARE(core::listRuns(**reader).value().size(), runsNow);
        QVERIFY2(said.last().first().toString().contains(QStringLiteral("was imported before, as run %1").arg(copy)),
                 qPrintable(said.last().first().toString()));

        // The key was looked up for the run (a run refuses to start when a key is missing), yet it
        // is nowhere in the bundle's files.
        auto files = core::readZip((zip + ".zip").toStdString());
        QVERIFY(files.has_value());
        QByteArray everything;
        for (const auto& [name, content] : *files)
            everything += QByteArray::fromStdString(content);
        QVERIFY(everything.contains("BATON_GUI_CANARY_KEY")); // the key's reference is, not the key
        QCOMPARE(canaryHits(everything), 0);
    }

    // Cancel keeps its word: no result is delivered and no file is left, however far the job got.
    void cancelledExportLeavesNoFile() {
        QString zip = m_dir.filePath("cancelled.zip");
        {
            ui::MainWindow window(m_session.get());
            ui::BundleActions* bundles = window.bundleActions();
            bundles->choosePath = [&](bool, const QString&) { return zip; };
            QSignalSpy exported(bundles, &ui::BundleActions::exported);
            QSignalSpy cancelled(bundles, &ui::BundleActions::cancelled);
            QSignalSpy said(bundles, &ui::BundleActions::statusMessage); // the window may show a run meanwhile
            bundles->exportRun(m_run);
            QVERIFY(bundles->isBusy());
            bundles->cancel(); // the job stops at its next step and says so
            QVERIFY(cancelled.wait(30000));
            QCOMPARE(cancelled.count(), 1);
            QVERIFY(!bundles->isBusy());
            QVERIFY(!said.isEmpty());
            QString last = said.last().first().toString();
            QVERIFY2(last.startsWith("Cancelled: nothing was written"), qPrintable(last));
            QCOMPARE(exported.count(), 0);
        } // the window's runner waits for the job's thread here
        QVERIFY(!QFile::exists(zip));
        QVERIFY(!QFile::exists(zip + ".part"));
    }

    // Bundle work reports how far it is (per call, outcome and file) and stops between two steps
    // with nothing left behind. The stops are asked from inside the progress report, so each lands
    // at a known step (no timing).
    void bundleWorkReportsProgressAndStopsWithNothingLeft() {
        auto reader = m_session->reader();
        QVERIFY(reader);
        const auto runsBefore = core::listRuns(**reader).value().size();
        using Reports = std::vector<std::pair<int, int>>;
        auto recorder = [](Reports& into) { return [&into](int done, int total) { into.emplace_back(done, total); }; };
        auto rises = [](const Reports& r) {
            for (size_t i = 1; i < r.size(); ++i)
                if (r[i].first < r[i - 1].first) return false;
            return r.size() >= 3 && r.back() == std::make_pair(1000, 1000) && r[r.size() / 2].first > 0 &&
                   r[r.size() / 2].first < 1000;
        };
        const size_t calls = core::loadCalls(**reader, m_run).value().size();
        QVERIFY(calls >= 10);

        Reports built, written, read, verified;
        auto files = core::buildRunBundle(**reader, m_run, "test", core::BundleProgress(recorder(built), {}));
        QVERIFY(files.has_value());
        QVERIFY(rises(built));
        QString zip = m_dir.filePath("progress/run.zip");
        QDir().mkpath(m_dir.filePath("progress"));
        auto nowhere = core::writeZip(m_dir.filePath("progress/missing/run.zip").toStdString(), *files);
        QVERIFY(!nowhere && nowhere.error().message.find("/missing does not exist; create it") != std::string::npos);
        QVERIFY(core::writeZip(zip.toStdString(), *files, core::BundleProgress(recorder(written), {})).has_value());
        QVERIFY(rises(written));
        auto back = core::readZip(zip.toStdString(), core::BundleProgress(recorder(read), {}));
        QVERIFY(back.has_value());
        QVERIFY(rises(read));
        auto check = core::verifyRunBundle(*back, core::BundleProgress(recorder(verified), {}));
        QVERIFY(check && check->ok());
        QVERIFY(rises(verified));

        // Stopped half-way: each says cancelled, no later step is reported.
        auto stopAt = [](std::stop_source& source, int from, Reports& into) {
            return core::BundleProgress(
                [&source, from, &into](int done, int total) {
                    into.emplace_back(done, total);
                    if (done >= from) source.request_stop();
                },
                source.get_token());
        };
        {
            std::stop_source source;
            Reports r;
            auto stopped = core::buildRunBundle(**reader, m_run, "test", stopAt(source, 300, r));
            QVERIFY(!stopped && core::isBundleCancelled(stopped.error()));
            QVERIFY(!r.empty() && r.back().first < 1000);
        }
        {
            std::stop_source source;
            Reports r;
            QString target = m_dir.filePath("progress/stopped.zip");
            auto stopped = core::writeZip(target.toStdString(), *files, stopAt(source, 0, r));
            QVERIFY(!stopped && core::isBundleCancelled(stopped.error()));
            QVERIFY(!QFile::exists(target) && !QFile::exists(target + ".part"));
            QCOMPARE(QDir(m_dir.filePath("progress")).entryList(QDir::Files), QStringList{"run.zip"}); // no temporary
        }
        {
            std::stop_source source;
            Reports r;
            auto stopped = core::readZip(zip.toStdString(), stopAt(source, 1, r));
            QVERIFY(!stopped && core::isBundleCancelled(stopped.error()));
        }
        {
            std::stop_source source;
            Reports r;
            auto stopped = core::verifyRunBundle(*back, stopAt(source, 500, r));
            QVERIFY(!stopped && core::isBundleCancelled(stopped.error()));
        }
        // An import stopped while storing its calls (the second half) leaves no run, call or text.
        {
            std::stop_source source;
            Reports r;
            int64_t imported = 0;
            auto done = m_session->writer()
                            .submit([&](core::SqliteDb& conn) -> core::Status {
                                auto id = core::importRunBundle(conn, *back, stopAt(source, 700, r));
                                if (!id) return std::unexpected(id.error());
                                imported = id->runId;
                                return {};
                            })
                            .get();
            QVERIFY(!done && core::isBundleCancelled(done.error()));
            QVERIFY(imported == 0 && r.back().first >= 700 && r.back().first < 1000);
            QCOMPARE(core::listRuns(**reader).value().size(), runsBefore);
        }

        // Through File > Open bundle: the dialog shows per mille, and a Cancel during the import
        // leaves the workspace as it was.
        ui::MainWindow window(m_session.get());
        ui::BundleActions* bundles = window.bundleActions();
        bundles->choosePath = [&](bool, const QString&) { return zip; };
        bundles->showCheck = [&](const QString&, const QStringList&, bool canImport) {
            QTimer::singleShot(0, bundles, &ui::BundleActions::cancel); // as soon as the import began
            return canImport;
        };
        QSignalSpy progressed(bundles, &ui::BundleActions::progressed);
        QSignalSpy checked(bundles, &ui::BundleActions::checked);
        QSignalSpy cancelled(bundles, &ui::BundleActions::cancelled);
        QSignalSpy imported(bundles, &ui::BundleActions::imported);
        QSignalSpy said(bundles, &ui::BundleActions::statusMessage);
        bundles->openBundle();
        QVERIFY(cancelled.wait(60000));
        QCOMPARE(checked.count(), 1);
        QCOMPARE(imported.count(), 0);
        QVERIFY(!progressed.isEmpty());
        QCOMPARE(progressed.first().at(1).toInt(), 1000);
        QCOMPARE(bundles->progressDialog()->maximum(), 1000);
        QString last = said.last().first().toString();
        QVERIFY2(last.startsWith("Cancelled: nothing was imported"), qPrintable(last));
        QCOMPARE(core::listRuns(**reader).value().size(), runsBefore);
    }

    void oneChangedByteOfACallIsNamedAndNotImported() {
        auto files = core::readZip(m_dir.filePath("bundles/run.zip").toStdString());
        QVERIFY(files.has_value());
        QVERIFY(test::tamperCallResponse(*files, 3)); // the call on line 3: one letter changed
        QString tampered = m_dir.filePath("tampered.zip");
        QVERIFY(core::writeZip(tampered.toStdString(), *files).has_value());

        ui::MainWindow window(m_session.get());
        ui::BundleActions* bundles = window.bundleActions();
        bundles->choosePath = [&](bool, const QString&) { return tampered; };
        bool offered = true, asked = false;
        bundles->showCheck = [&](const QString&, const QStringList&, bool canImport) {
            asked = true;
            offered = canImport;
            return true; // even if the user wanted it, nothing is imported
        };
        QSignalSpy checked(bundles, &ui::BundleActions::checked);
        QSignalSpy imported(bundles, &ui::BundleActions::imported);
        bundles->openBundle();
        QVERIFY(checked.wait(60000));
        QStringList found = checked.first().at(1).toStringList();
        QVERIFY2(found.size() == 2, qPrintable(found.join('\n')));
        QVERIFY2(found.filter("call on line 3 of calls.jsonl").size() == 1, qPrintable(found.join('\n')));
        QVERIFY2(found.filter("calls.jsonl: its SHA-256 differs").size() == 1, qPrintable(found.join('\n')));
        QVERIFY(checked.first().first().toString().contains(": 2 differences"));
        QVERIFY(asked && !offered);
        QVERIFY(!bundles->isBusy());
        QCOMPARE(imported.count(), 0);

        // Not a bundle at all: said with the file and what to do.
        QString notZip = m_dir.filePath("not.zip");
        std::ofstream(notZip.toStdString()) << "hello";
        QStringList errors;
        bundles->showError = [&](const QString&, const QString& text) { errors << text; };
        bundles->choosePath = [&](bool, const QString&) { return notZip; };
        QSignalSpy failed(bundles, &ui::BundleActions::failed);
        bundles->openBundle();
        QVERIFY(failed.wait(30000));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(notZip) && errors.first().contains("not a readable zip") &&
                     errors.first().contains("Export the run again"),
                 qPrintable(errors.first()));
    }

    void reportSharedAsTheCliWritesIt() {
        ui::MainWindow window(m_session.get());
        QSignalSpy shown(&window, &ui::MainWindow::runShown);
        window.openRun(m_run);
        QVERIFY(shown.wait(30000));
        ui::ResultsPage* results = window.resultsPage();
        QVERIFY(results->canExportReport());
        QDir().mkpath(m_dir.filePath("reports"));
        results->chooseFile = [&](const QString&, const QString&, const QString&) {
            return m_dir.filePath("reports/shared");
        };
        QSignalSpy exported(results, &ui::ResultsPage::reportExported);
        results->chooseAndExportReport(ui::ReportFormat::Html);
        QVERIFY(exported.wait(30000));
        QString html = m_dir.filePath("reports/shared.html");
        QCOMPARE(exported.first().first().toString(), html);
        QVERIFY2(window.statusBar()->currentMessage().contains(html), qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(ui::settings::reportFolder.get(), m_dir.filePath("reports"));

        // Byte for byte the page `baton-cli report RUN --html` writes (its code path: from the workspace).
        auto reader = m_session->reader();
        auto report = core::loadRunReport(**reader, m_run).value();
        auto run = core::loadRun(**reader, m_run).value();
        QByteArray expected = QByteArray::fromStdString(core::toHtml(core::reportHtmlDocument(report, run)));
        QByteArray page = fileBytes(html);
        QVERIFY(!page.isEmpty());
        QVERIFY(page == expected);

        results->chooseFile = [&](const QString&, const QString& start, const QString&) {
            return QString(start).replace("-report.xlsx", "-tables.xlsx");
        };
        results->chooseAndExportReport(ui::ReportFormat::Xlsx);
        QVERIFY(exported.wait(30000));
        QString xlsx = m_dir.filePath(QStringLiteral("reports/run-%1-tables.xlsx").arg(m_run)); // started in the folder
        QCOMPARE(exported.last().first().toString(), xlsx);
        auto book = core::readZip(xlsx.toStdString());
        QVERIFY(book.has_value());
        const size_t sheets = core::reportTables(report, run).size(); // one sheet per table
        QVERIFY(sheets > 1);
        QCOMPARE(int(book->count("xl/worksheets/sheet" + std::to_string(sheets) + ".xml")), 1);
        QCOMPARE(int(book->count("xl/worksheets/sheet" + std::to_string(sheets + 1) + ".xml")), 0);
        // The first strategy's accuracy (column F, row 5) is that number in the sheet.
        const std::string& sheet = book->at("xl/worksheets/sheet1.xml");
        size_t cell = sheet.find("<c r=\"F5\"");
        QVERIFY(cell != std::string::npos);
        std::string xml = sheet.substr(cell, sheet.find("</c>", cell) - cell);
        size_t v = xml.find("<v>");
        QVERIFY2(v != std::string::npos && xml.find("t=\"s\"") == std::string::npos, xml.c_str());
        QVERIFY2(std::fabs(std::stod(xml.substr(v + 3)) - report.strategies[0].accuracy) < 1e-12, xml.c_str());

        QByteArray both = page;
        for (const auto& [name, content] : *book)
            both += QByteArray::fromStdString(content);
        QCOMPARE(canaryHits(both), 0);

        // A folder that cannot be written: said, and nothing claimed.
        results->exportReport(m_dir.filePath("no/such/folder/r.html"), ui::ReportFormat::Html);
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().startsWith("Report not written"), 30000);
        QCOMPARE(exported.count(), 2);
    }
    // Issue 16 (i13): a workspace whose file has the export's suffix (ws.zip) was replaced by the
    // bundle once the dialog's "replace?" was answered yes; the window went on writing into the
    // unlinked file, and every run was gone at the next start. Now refused, nothing written.
    void aBundleOntoTheWorkspaceIsRefused() {
        QString path = m_dir.filePath("ws.zip");
        auto session = test::openTestDemo(path);
        QVERIFY(session);
        qint64 run = test::runAndWait(*session, {"by-category"});
        QVERIFY(run > 0);
        ui::MainWindow window(session.get());
        ui::BundleActions* bundles = window.bundleActions();
        QStringList errors;
        bundles->showError = [&](const QString&, const QString& text) { errors << text; };
        bundles->choosePath = [&](bool, const QString&) { return path; };
        QSignalSpy failed(bundles, &ui::BundleActions::failed);
        QSignalSpy exported(bundles, &ui::BundleActions::exported);
        bundles->exportRun(run);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || !exported.isEmpty(), 60000);
        QCOMPARE(exported.count(), 0);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains("is the workspace") && errors.first().contains("Nothing was written"),
                 qPrintable(errors.first()));
        QCOMPARE(fileBytes(path).left(16), QByteArray("SQLite format 3\0", 16));
    }
};

QTEST_MAIN(TestRunFiles)
#include "tst_run_files.moc"
