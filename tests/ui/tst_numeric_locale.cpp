// SPDX-License-Identifier: MIT
// The workbench under a German locale (LANG=de_DE.UTF-8, decimal comma). QCoreApplication calls
// setlocale(LC_ALL, "") on Unix, and the core reads and writes numbers with strtod and printf:
// before ui::setUpApplication set LC_NUMERIC back to "C", the workbench graded "3.7" as right
// against "3.5" (both read as 3), wrote width="720,00" into every SVG chart and "$0,500000" into
// messages, and (LC_TIME) did not read a Retry-After date. The locale is made for the test with
// localedef (the machine need not have it installed); the test skips, saying why, where localedef
// or glibc's de_DE source is missing.

#include "application_setup.h"
#include "eval/answer_extraction.h"
#include "io/svg_chart.h"
#include "model/money.h"
#include "net/retry_policy.h"

#include <QApplication>
#include <QLocale>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <clocale>
#include <cmath>

using namespace baton;

namespace {
QString g_skipReason; // empty when the process started under the German locale
}

class TestNumericLocale : public QObject {
    Q_OBJECT
private slots:
    void coreNumbersUseThePointUnderAGermanLocale() {
        if (!g_skipReason.isEmpty()) QSKIP(qPrintable(g_skipReason));
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(",")); // the user's locale, for display

        auto number = core::parseNumber("3.5");
        QVERIFY(number.has_value());
        QCOMPARE(*number, 3.5);
        QVERIFY(core::parseNumber("3.7") != core::parseNumber("3.5"));
        QCOMPARE(core::formatUsd(core::Money::fromUsd(0.5)), std::string("$0.500000"));

        core::BarChart chart;
        chart.title = "accuracy";
        chart.categories = {"math"};
        chart.series = {{"a", {0.25}}};
        std::string svg = core::toSvg(chart);
        QVERIFY2(svg.find("width=\"720.00\"") != std::string::npos, svg.substr(0, 200).c_str());
        QVERIFY2(svg.find(",00\"") == std::string::npos, svg.c_str());
    }

    // Retry-After as an HTTP date (strptime's %a and %b are the locale's day and month names: under
    // de_DE "Wed" and "Oct" did not parse, and the server's wait was ignored).
    void httpDatesAreReadUnderAGermanLocale() {
        if (!g_skipReason.isEmpty()) QSKIP(qPrintable(g_skipReason));
        auto now = std::chrono::system_clock::from_time_t(1445412470); // Wed, 21 Oct 2015 07:27:50 GMT
        auto wait = core::retryAfterSeconds({{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}}, now);
        QVERIFY2(wait.has_value(), "the HTTP date was not read");
        QCOMPARE(*wait, 10.0);
    }
};

int main(int argc, char** argv) {
    // The locale must exist before the QApplication reads the environment.
    QTemporaryDir locales;
    int made = QProcess::execute("localedef", {"-i", "de_DE", "-f", "UTF-8", locales.filePath("de_DE.UTF-8")});
    qputenv("LOCPATH", locales.path().toLocal8Bit());
    qputenv("LC_ALL", "de_DE.UTF-8");
    QApplication app(argc, argv);
    if (made != 0)
        g_skipReason =
            QStringLiteral("localedef -i de_DE -f UTF-8 failed (%1): no German locale to test under").arg(made);
    else if (std::string(std::localeconv()->decimal_point) != ",")
        g_skipReason = QStringLiteral("the German locale made by localedef was not taken by the process");
    ui::setUpApplication(app);
    TestNumericLocale test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_numeric_locale.moc"
