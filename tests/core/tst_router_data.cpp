// SPDX-License-Identifier: MIT
// The learned router on RouteLLM's recorded outcomes (gpt-4-1106-preview vs Mixtral-8x7B on MMLU,
// contaminated prompts excluded): on held-out items it must beat a random router (APGR 0.5) with
// a bootstrap interval that excludes 0.5, and be calibrated. Skips when ../shared/data is absent.

#include "matrix/matrix_import.h"
#include "replay/router_evaluation.h"

#include <QFileInfo>
#include <QTest>

using namespace baton::core;

class TestRouterData : public QObject {
    Q_OBJECT
private slots:
    void beatsARandomRouterOnMmlu() {
        const QString dir = BATON_SHARED_DATA "/routellm/mmlu";
        if (!QFileInfo::exists(dir + "/responses"))
            QSKIP(qPrintable(dir + " is absent: the RouteLLM data lives in ../shared/data beside the checkout"));
        MatrixImportOptions import;
        import.format = "routellm";
        import.excludePromptsFile = (dir + "/contaminated_prompts.jsonl").toStdString();
        auto matrix = importMatrix({(dir + "/responses").toStdString()}, import);
        QVERIFY2(matrix, matrix ? "" : matrix.error().describe().c_str());
        QCOMPARE(matrix->itemCount(), size_t(14037));

        RouterEvaluationOptions options;
        options.seeds = {1};
        options.compareKnn = false;
        auto e = evaluateRouter(*matrix, options);
        QVERIFY2(e, e ? "" : e.error().describe().c_str());
        const auto& s = e->seeds.front();
        QCOMPARE(s.testItems + s.trainItems + s.validationItems, size_t(14037));
        QVERIFY2(s.routerApgr > 0.62, qPrintable(QString::number(s.routerApgr))); // measured 0.697
        QVERIFY2(s.routerApgrCi.low > 0.5, qPrintable(QString::number(s.routerApgrCi.low)));
        QVERIFY2(s.routerCpt50 < 0.35, qPrintable(QString::number(s.routerCpt50))); // random: 0.5
        for (const auto& c : s.calibration)
            QVERIFY2(c.ece < 0.05, qPrintable(QString::number(c.ece)));
    }
};

QTEST_GUILESS_MAIN(TestRouterData)
#include "tst_router_data.moc"
