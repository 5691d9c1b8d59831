// SPDX-License-Identifier: MIT
#include "training/batched_cmaes.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace baton::core;

namespace {

/// Minus the squared distance to a point: the best reward is 0, at the point.
double reward(const std::vector<double>& x) {
    static const std::vector<double> target{1.5, -2, 0.5, 3};
    double distance = 0;
    for (size_t i = 0; i < x.size(); ++i)
        distance += (x[i] - target[i]) * (x[i] - target[i]);
    return -distance;
}

BatchedCmaes::Candidates nearZero(size_t size) {
    BatchedCmaes::Candidates initial(size, std::vector<double>(4, 0.0));
    for (size_t i = 0; i < size; ++i)
        initial[i][i % 4] = 0.1 * double(i);
    return initial;
}

BatchedCmaes made(Result<BatchedCmaes> search) {
    if (!search) qFatal("%s", search.error().describe().c_str());
    return std::move(*search);
}

struct Search {
    std::vector<size_t> batches; ///< the size of every batch played
    BatchedCmaes::Candidates last; ///< the last batch
    int alone = 0;
    BatchedCmaes cmaes;
    explicit Search(uint64_t seed, double sigma0 = 1.0)
        : cmaes(made(BatchedCmaes::create(
              {}, {4, 20, sigma0, seed},
              [this](const BatchedCmaes::Candidates& asked) {
                  batches.push_back(asked.size());
                  last = asked;
                  std::vector<double> rewards;
                  for (const auto& x : asked)
                      rewards.push_back(reward(x));
                  return rewards;
              },
              [this](const std::vector<double>& x) { return ++alone, reward(x); }))) {}
};

} // namespace

class TestBatchedCmaes : public QObject {
    Q_OBJECT
private slots:
    // pagmo is a module opened when a search is first made, not a library every program loads
    // at start (its static initialisers cost each process about 0.1 s of CPU).
    void pagmoIsLoadedOnlyWhenASearchIsMade() {
        auto pagmoMapped = [] {
            QFile maps("/proc/self/maps");
            return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libpagmo");
        };
        QVERIFY(!pagmoMapped());
        // A module the caller names and cannot be opened is an error, not an exception (the
        // constructor threw), and loads nothing.
        QTemporaryDir dir;
        const std::string missing = dir.filePath("libbaton_cmaes.so").toStdString();
        auto refused = BatchedCmaes::create(missing, {4, 20, 1.0, 1}, {}, {});
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, ErrorKind::NotFound);
        QVERIFY2(refused.error().message.find(missing + ": not there") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(!BatchedCmaes::available(missing));
        QVERIFY(!pagmoMapped());
        // Core never reads BATON_CMAES_MODULE behind its caller (the programs pass it in): with it
        // naming a missing file, a search asked for with no path still finds the module.
        qputenv("BATON_CMAES_MODULE", QByteArray::fromStdString(missing));
        Status found = BatchedCmaes::available();
        qunsetenv("BATON_CMAES_MODULE");
        QVERIFY2(found, found ? "" : found.error().message.c_str());
        Search search(1);
        QVERIFY(pagmoMapped());
    }

    void everyGenerationIsPlayedAsOneBatch() {
        Search search(7);
        search.cmaes.start(nearZero(8));
        double first = reward(search.cmaes.champion());
        for (int generation = 0; generation < 60; ++generation)
            search.cmaes.evolve();
        QCOMPARE(search.alone, 0); // the dry run foresaw every candidate
        QCOMPARE(search.cmaes.playedAlone(), int64_t(0));
        QCOMPARE(search.batches.size(), size_t(61)); // the first generation, then one per evolve()
        for (size_t size : search.batches)
            QCOMPARE(size, size_t(8));
        double last = reward(search.cmaes.champion());
        QVERIFY2(first < -10 && last > -1e-3, qPrintable(QString("from %1 to %2").arg(first).arg(last)));
    }

    void theFirstGenerationSpreadsBySigma0() {
        // pagmo multiplies its sigma0 by the bounds' width (40 here): passed as it was, a sigma0
        // of 0.5 drew candidates about 20 away from the start in every parameter.
        Search search(5, 0.5);
        search.cmaes.start(nearZero(8));
        std::vector<double> start = search.cmaes.champion(); // CMA-ES's first mean: the best so far
        search.cmaes.evolve();
        double squares = 0;
        int values = 0;
        for (const auto& x : search.last)
            for (size_t i = 0; i < x.size(); ++i)
                squares += (x[i] - start[i]) * (x[i] - start[i]), ++values;
        double spread = std::sqrt(squares / values);
        QVERIFY2(spread > 0.25 && spread < 1.0, qPrintable(QString("spread %1 for sigma0 0.5").arg(spread)));
    }

    void theSeedDecidesTheSearch() {
        Search a(3), b(3), c(4);
        for (Search* s : {&a, &b, &c}) {
            s->cmaes.start(nearZero(8));
            for (int generation = 0; generation < 5; ++generation)
                s->cmaes.evolve();
        }
        QCOMPARE(a.cmaes.champion(), b.cmaes.champion());
        QVERIFY(a.cmaes.champion() != c.cmaes.champion());
    }
};

QTEST_MAIN(TestBatchedCmaes)
#include "tst_batched_cmaes.moc"
