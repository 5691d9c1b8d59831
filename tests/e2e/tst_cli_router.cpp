// SPDX-License-Identifier: MIT
// baton-cli router eval on a three-model pool: APGR and CPT(50%) are two-model figures, so they
// read "n/a" (text) or null (JSON), never nan; with a named weak/strong pair they are figures.

#include "cli_process.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

using baton::test::CliResult;
using baton::test::runCli;

namespace {

/// 60 geo and 60 math items: cheap right on geo, mid on math, strong on both.
void writeThreeModels(const QString& path) {
    std::ofstream out(path.toStdString());
    out << "item,model,grade,cost_usd,category,prompt\n";
    for (int i = 0; i < 120; ++i) {
        bool geo = i % 2 == 0;
        std::string tail = std::string(geo ? ",geo,where is river " : ",math,solve equation ") + std::to_string(i) + "\n";
        out << "q" << i << ",cheap," << (geo ? 1 : 0) << ",0.001" << tail;
        out << "q" << i << ",mid," << (geo ? 0 : 1) << ",0.01" << tail;
        out << "q" << i << ",strong,1,0.1" << tail;
    }
}

} // namespace

class TestCliRouter : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void evalOnThreeModelsSaysApgrIsATwoModelFigure() {
        QString csv = m_dir.filePath("three.csv");
        writeThreeModels(csv);
        auto text = runCli({"router", "eval", csv, "--format", "long", "--seeds", "2"});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(!text.out.contains("nan"), text.out.constData());
        QVERIFY2(text.out.contains("n/a (two-model figures"), text.out.constData());
        QVERIFY2(!text.out.contains("router APGR"), "no mean APGR line without a pair");

        auto json = runCli({"router", "eval", csv, "--format", "long", "--seeds", "2", "--json"});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        auto seeds = QJsonDocument::fromJson(json.out).object()["seeds"].toArray();
        QCOMPARE(seeds.size(), 2);
        for (const auto& s : seeds) {
            QVERIFY(s.toObject()["router_apgr"].isNull());
            QVERIFY(s.toObject()["router_aiq"].isDouble());
        }

        auto pair = runCli({"router", "eval", csv, "--format", "long", "--seeds", "2", "--weak", "cheap", "--strong",
                            "strong"});
        QVERIFY2(pair.exitCode == 0, pair.err.constData());
        QVERIFY2(pair.out.contains("weak cheap, strong strong"), pair.out.constData());
        // cheap on geo and mid on math are right everywhere without a call to strong: the whole
        // gap is recovered at any share of strong calls, APGR 1.
        QVERIFY2(pair.out.contains("mean over 2 seeds: router APGR 1.000"), pair.out.constData());
        QVERIFY2(!pair.out.contains("nan"), pair.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliRouter)
#include "cli_process.h"
#include "tst_cli_router.moc"
