// SPDX-License-Identifier: MIT
#include "core_printers.h"
#include "net/retry_policy.h"

#include <QTest>

using namespace baton::core;
using Clock = std::chrono::system_clock;

namespace {

// 2015-10-21 07:28:00 UTC
const Clock::time_point kNow = Clock::from_time_t(1445412480);

} // namespace

class TestRetryPolicy : public QObject {
    Q_OBJECT
private slots:
    void retryAfter_data() {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("value");
        QTest::addColumn<double>("seconds"); // -1: ignored
        QTest::newRow("seconds") << "retry-after"
                                 << "3" << 3.0;
        QTest::newRow("fractional") << "retry-after"
                                    << "1.5" << 1.5;
        QTest::newRow("ms") << "retry-after-ms"
                            << "1500" << 1.5;
        QTest::newRow("http date") << "retry-after"
                                   << "Wed, 21 Oct 2015 07:28:07 GMT" << 7.0;
        QTest::newRow("date in the past") << "retry-after"
                                          << "Wed, 21 Oct 2015 07:27:00 GMT" << 0.0;
        QTest::newRow("negative") << "retry-after"
                                  << "-5" << -1.0;
        QTest::newRow("huge") << "retry-after"
                              << "86400" << 60.0;
        QTest::newRow("huge ms") << "retry-after-ms"
                                 << "999999999" << 60.0;
        QTest::newRow("inf") << "retry-after"
                             << "inf" << -1.0;
        QTest::newRow("nan") << "retry-after"
                             << "nan" << -1.0;
        QTest::newRow("garbage") << "retry-after"
                                 << "soon, please" << -1.0;
        QTest::newRow("empty") << "retry-after"
                               << "" << -1.0;
        // Found by fuzzing: past the year 2262 a time_point in nanoseconds overflowed.
        QTest::newRow("date in the year 5871") << "retry-after"
                                               << "Wed, 21 Oct 5871 07:28:00 GMT" << 60.0;
        QTest::newRow("date in the year 1000") << "retry-after"
                                               << "Mon, 01 Jan 1000 00:00:00 GMT" << 0.0;
        QTest::newRow("bad date") << "retry-after"
                                  << "Wed, 32 Oct 2015 07:28:07 GMT" << -1.0;
    }
    void retryAfter() {
        QFETCH(QString, header);
        QFETCH(QString, value);
        QFETCH(double, seconds);
        auto got = retryAfterSeconds({{header.toStdString(), value.toStdString()}}, kNow);
        if (seconds < 0)
            QVERIFY2(!got, value.toUtf8().constData());
        else
            QCOMPARE(got.value(), seconds);
    }

    void retryAfterMsWinsOverRetryAfter() {
        auto got = retryAfterSeconds({{"retry-after", "30"}, {"retry-after-ms", "250"}}, kNow);
        QCOMPARE(got.value(), 0.25);
        auto fallback = retryAfterSeconds({{"retry-after", "30"}, {"retry-after-ms", "abc"}}, kNow);
        QCOMPARE(fallback.value(), 30.0);
    }

    void decisions_data() {
        QTest::addColumn<int>("status"); // 0: connection error
        QTest::addColumn<int>("retriesSoFar");
        QTest::addColumn<QString>("shouldRetryHeader");
        QTest::addColumn<bool>("delivered");
        QTest::addColumn<bool>("retry");
        for (int s : {408, 409, 429, 500, 502, 503, 504, 0})
            QTest::newRow(qPrintable(QString("retry %1").arg(s))) << s << 0 << "" << false << true;
        for (int s : {400, 401, 403, 404, 422})
            QTest::newRow(qPrintable(QString("final %1").arg(s))) << s << 0 << "" << false << false;
        QTest::newRow("exhausted") << 503 << 2 << "" << false << false;
        QTest::newRow("second retry") << 503 << 1 << "" << false << true;
        QTest::newRow("server says yes") << 400 << 0 << "true" << false << true;
        QTest::newRow("server says no") << 503 << 0 << "false" << false << false;
        QTest::newRow("stream delivered") << 0 << 0 << "" << true << false;
    }
    void decisions() {
        QFETCH(int, status);
        QFETCH(int, retriesSoFar);
        QFETCH(QString, shouldRetryHeader);
        QFETCH(bool, delivered);
        QFETCH(bool, retry);
        AttemptFacts f;
        f.retriesSoFar = retriesSoFar;
        if (status)
            f.httpStatus = status;
        else
            f.transportError = true;
        f.deliveredContent = delivered;
        if (!shouldRetryHeader.isEmpty()) f.headers["x-should-retry"] = shouldRetryHeader.toStdString();
        QCOMPARE(decideRetry(f, 0.5, kNow).retry, retry);
    }

    void backoffFollowsTheFormula() {
        AttemptFacts f;
        f.httpStatus = 503;
        for (int n = 0; n < 2; ++n) {
            f.retriesSoFar = n;
            double base = std::min(0.5 * std::pow(2.0, n), 8.0);
            QCOMPARE(decideRetry(f, 0.0, kNow).delaySeconds, base * 0.75);
            QCOMPARE(decideRetry(f, 1.0, kNow).delaySeconds, base * 1.0);
        }
        f.retriesSoFar = 0;
        f.headers["retry-after"] = "4";
        QCOMPARE(decideRetry(f, 0.3, kNow).delaySeconds, 4.0);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retry_policy.moc"
