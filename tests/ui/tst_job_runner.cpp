// SPDX-License-Identifier: MIT
// JobRunner: results arrive on the GUI thread, a newer job makes an older result stale, cancel
// drops the result and stops the work, finish stops the work and delivers what it returns, and
// finished threads are not kept; awaited with QSignalSpy, never sleeps.

#include "job_runner.h"

#include <QSignalSpy>
#include <QtTest>
#include <atomic>
#include <condition_variable>
#include <mutex>

using baton::ui::JobRunner;

namespace {

// Blocks until the job is asked to stop, then returns `value`.
int waitForStop(std::stop_token stop, int value) {
    std::mutex mutex;
    std::condition_variable_any cv;
    std::unique_lock lock(mutex);
    cv.wait(lock, stop, [] { return false; });
    return value;
}

} // namespace

class TestJobRunner : public QObject {
    Q_OBJECT
private slots:
    // A long session runs many jobs: the threads of finished ones are joined when the next job
    // starts, not kept until the runner goes (they were: one per job ever run).
    void finishedThreadsAreNotKept() {
        JobRunner runner;
        int delivered = 0;
        for (int i = 0; i < 50; ++i) {
            QSignalSpy busy(&runner, &JobRunner::busyChanged);
            runner.run<int>([i](std::stop_token, const JobRunner::Progress&) { return i; },
                            [&delivered](const int&) { ++delivered; });
            QVERIFY(busy.wait(5000) || !runner.isBusy());
            QTRY_VERIFY(!runner.isBusy());
        }
        QCOMPARE(delivered, 50);
        QVERIFY2(runner.threadsKept() <= 3, qPrintable(QString::number(runner.threadsKept())));
    }

    void deliversResultAndProgressOnTheGuiThread() {
        JobRunner runner;
        QSignalSpy progress(&runner, &JobRunner::progress);
        QSignalSpy busy(&runner, &JobRunner::busyChanged);
        int got = 0;
        QThread* deliveredOn = nullptr;
        runner.run<int>(
            [](std::stop_token, const JobRunner::Progress& p) {
                p(1, 2);
                p(2, 2);
                return 6 * 7;
            },
            [&](const int& v) { got = v, deliveredOn = QThread::currentThread(); });
        QVERIFY(runner.isBusy());
        QTRY_COMPARE(got, 42);
        QCOMPARE(busy.count(), 2); // busy, then idle
        QCOMPARE(deliveredOn, QThread::currentThread());
        QCOMPARE(progress.count(), 2);
        QCOMPARE(progress.at(1).at(0).toInt(), 2);
        QVERIFY(!runner.isBusy());
    }

    void newerJobMakesOlderResultStale() {
        JobRunner runner;
        std::vector<int> results;
        runner.run<int>([](std::stop_token stop, const JobRunner::Progress&) { return waitForStop(stop, -1); },
                        [&](const int& v) { results.push_back(v); });
        quint64 second = runner.run<int>([](std::stop_token, const JobRunner::Progress&) { return 2; },
                                         [&](const int& v) { results.push_back(v); });
        QCOMPARE(runner.generation(), second);
        QTRY_COMPARE(results.size(), size_t(1));
        QCOMPARE(results[0], 2); // the first job was stopped and its result never delivered
    }

    void cancelStopsTheWorkAndDropsTheResult() {
        auto runner = std::make_unique<JobRunner>();
        QSignalSpy cancelled(runner.get(), &JobRunner::cancelled);
        bool delivered = false;
        std::atomic<bool> sawStop = false;
        runner->run<int>(
            [&](std::stop_token stop, const JobRunner::Progress&) {
                int v = waitForStop(stop, 1);
                sawStop = true;
                return v;
            },
            [&](const int&) { delivered = true; });
        runner->cancel();
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!runner->isBusy());
        runner.reset(); // joins the worker: no thread outlives its runner
        QVERIFY(sawStop);
        QVERIFY(!delivered);
    }

    void finishStopsTheWorkAndDeliversItsResult() {
        JobRunner runner;
        QSignalSpy cancelled(&runner, &JobRunner::cancelled);
        int got = 0;
        runner.run<int>([](std::stop_token stop, const JobRunner::Progress&) { return waitForStop(stop, 7); },
                        [&](const int& v) { got = v; });
        runner.finish();
        QVERIFY(runner.isBusy()); // until the work has returned what it has
        QTRY_COMPARE(got, 7);
        QVERIFY(!runner.isBusy());
        QCOMPARE(cancelled.count(), 0);
        runner.finish(); // no job: nothing happens
        QCOMPARE(runner.generation(), quint64(1));
    }
};

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_job_runner.moc"
