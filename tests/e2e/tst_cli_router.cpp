// SPDX-License-Identifier: MIT
// baton-cli router eval on a three-model pool: APGR and CPT(50%) are two-model figures, so they
// read "n/a" (text) or null (JSON), never nan; with a named weak/strong pair they are figures;
// --chart writes the first seed's router, kNN and rules curves as SVG.

#include "cli_process.h"

#include <QFile>
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

    /// --chart draws the first seed as the Replay lab draws a router: the router's, kNN's and the
    /// rules' curves (every point of each, with its AIQ in the legend, the figures --json prints),
    /// every single model, their hull (here the random mix) and the oracle.
    void evalDrawsTheRouterKnnAndRulesCurvesAsSvg() {
        QString csv = m_dir.filePath("chart.csv");
        writeThreeModels(csv);
        QString svgPath = m_dir.filePath("router.svg");
        auto run = runCli({"router", "eval", csv, "--format", "long", "--seeds", "2", "--json", "--chart", svgPath});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        auto seed = QJsonDocument::fromJson(run.out).object()["seeds"].toArray().at(0).toObject();
        QCOMPARE(seed["seed"].toInt(), 1);
        QFile file(svgPath);
        QVERIFY2(file.open(QIODevice::ReadOnly), "the chart is written");
        const QString svg = QString::fromUtf8(file.readAll());
        QVERIFY(svg.startsWith("<svg"));
        struct Curve {
            const char *name, *aiq, *points;
        };
        for (const auto& c : {Curve{"router (lambda sweep)", "router_aiq", "router_curve"},
                              Curve{"kNN (lambda sweep)", "knn_aiq", "knn_curve"},
                              Curve{"rules by category (lambda sweep)", "rules_aiq", "rules_curve"}}) {
            QString legend = QString("%1, AIQ %2").arg(c.name).arg(seed[c.aiq].toDouble(), 0, 'f', 4);
            QVERIFY2(svg.contains(">" + legend + "</text>"), qPrintable(legend));
            // One tooltip per point of the curve --json prints.
            QCOMPARE(svg.count(QString("<title>%1, lambda ").arg(c.name)), seed[c.points].toArray().size());
            QVERIFY(seed[c.points].toArray().size() == 100);
            // Each curve's AIQ has its bootstrap interval, which holds it.
            auto ci = seed[QString(c.aiq) + "_ci"].toArray();
            QVERIFY2(ci.size() == 2 && ci[0].toDouble() <= seed[c.aiq].toDouble() &&
                         seed[c.aiq].toDouble() <= ci[1].toDouble(),
                     c.aiq);
        }
        for (const char* label : {">cheap</text>", ">mid</text>", ">strong</text>", ">oracle</text>"})
            QVERIFY2(svg.contains(label), label);
        // mid is dominated: the singles' hull is the random mix of cheap and strong, drawn once.
        QString hull = QString("single models&#39; hull = random mix cheap / strong, AIQ %1") // XML-escaped
                           .arg(seed["singles_aiq"].toDouble(), 0, 'f', 4);
        QVERIFY2(svg.contains(">" + hull + "</text>"), qPrintable(hull));

        auto png =
            runCli({"router", "eval", csv, "--format", "long", "--seeds", "1", "--chart", m_dir.filePath("x.png")});
        QCOMPARE(png.exitCode, 2);
        QVERIFY2(png.err.contains("ending in .svg"), png.err.constData());
    }

    /// router train --compare keeps kNN's and the rules' AIQ beside the router's; router show prints them.
    void trainWithCompareKeepsKnnAndRulesAiq() {
        QString csv = m_dir.filePath("compare.csv");
        writeThreeModels(csv);
        QString db = m_dir.filePath("compare.db");
        auto plain = runCli({"router", "train", csv, "--format", "long", "--db", db, "--name", "r"});
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QVERIFY2(plain.out.contains("AIQ on the test items: router "), plain.out.constData());
        QVERIFY2(!plain.out.contains(", kNN "), "without --compare, no kNN");
        auto compared = runCli({"router", "train", csv, "--format", "long", "--db", db, "--name", "r", "--compare"});
        QVERIFY2(compared.exitCode == 0, compared.err.constData());
        // The prompts name the category's topic: kNN, the rules and the router all route perfectly.
        QVERIFY2(compared.out.contains(", kNN 0.9") && compared.out.contains(", rules by category 0.9"),
                 compared.out.constData());
        auto shown = runCli({"router", "show", "r@2", "--db", db});
        QVERIFY2(shown.exitCode == 0, shown.err.constData());
        auto line = [](const QByteArray& text) {
            for (const auto& l : text.split('\n'))
                if (l.contains("AIQ on the test items")) return l;
            return QByteArray();
        };
        QCOMPARE(line(shown.out), line(compared.out));
    }

    void embeddingFeaturesTrainEvaluateAndComeFromTheCache() {
        QString csv = m_dir.filePath("three-emb.csv");
        writeThreeModels(csv);
        QString db = m_dir.filePath("emb.db");
        QStringList embed = {"--features", "embeddings", "--pool", "demo", "--embedder", "sim/nano", "--max-cost", "1"};
        QStringList train = QStringList{"router", "train", csv, "--format", "long", "--db", db, "--name", "emb", "--json"} + embed;

        auto first = runCli(train);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        auto a = QJsonDocument::fromJson(first.out).object();
        QCOMPARE(a["features"].toString(), QString("embeddings+category"));
        auto e = a["embeddings"].toObject();
        QCOMPARE(e["embedder"].toString(), QString("sim/nano"));
        QCOMPARE(e["texts"].toInt(), 120);           // 120 distinct prompts
        QCOMPARE(e["embedded_texts"].toInt(), 120);
        QCOMPARE(e["cached_texts"].toInt(), 0);
        QCOMPARE(e["http_calls"].toInt(), 2);        // 64 texts per request
        QVERIFY(e["prompt_tokens"].toDouble() > 0);
        // sim/nano's input price in the demo pool is $0.05 per million tokens.
        QVERIFY(e["cost_usd"].isDouble());
        QVERIFY(qAbs(e["cost_usd"].toDouble() - e["prompt_tokens"].toDouble() * 0.05e-6) < 1e-12);
        QVERIFY(a["test"].toObject()["accuracy"].isDouble());
        int dims = e["dims"].toInt();
        QVERIFY(dims > 0);

        auto show = runCli({"router", "show", "emb", "--db", db});
        QVERIFY2(show.exitCode == 0, show.err.constData());
        QVERIFY2(show.out.contains(QString("embeddings from sim/nano").toUtf8()), show.out.constData());
        QVERIFY2(show.out.contains(QString("%1 dimensions").arg(dims).toUtf8()), show.out.constData());

        auto again = runCli(train); // every prompt is cached: no embedding call, no cost
        QVERIFY2(again.exitCode == 0, again.err.constData());
        auto e2 = QJsonDocument::fromJson(again.out).object()["embeddings"].toObject();
        QCOMPARE(e2["http_calls"].toInt(), 0);
        QCOMPARE(e2["cached_texts"].toInt(), 120);
        QCOMPARE(e2["cost_usd"].toDouble(), 0.0);

        auto text = runCli(QStringList{"router", "train", csv, "--format", "long", "--db", db, "--name", "emb"} + embed);
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(text.out.contains("0 embedding calls for 0 texts, 120 cached; cost $0.000000"), text.out.constData());

        auto eval = runCli(QStringList{"router", "eval", csv, "--format", "long", "--seeds", "2", "--db", db, "--json"} + embed);
        QVERIFY2(eval.exitCode == 0, eval.err.constData());
        auto ev = QJsonDocument::fromJson(eval.out).object();
        QCOMPARE(ev["features"].toString(), QString("embeddings+category"));
        QCOMPARE(ev["embeddings"].toObject()["http_calls"].toInt(), 0);
        auto seeds = ev["seeds"].toArray();
        QCOMPARE(seeds.size(), 2);
        for (const auto& seed : seeds)
            QVERIFY(seed.toObject()["router_aiq"].isDouble());

        auto noBudget = runCli({"router", "eval", csv, "--format", "long", "--features", "embeddings", "--pool", "demo",
                                "--embedder", "sim/nano"});
        QVERIFY(noBudget.exitCode != 0);
        QVERIFY2(noBudget.err.contains("--max-cost USD"), noBudget.err.constData());
        auto tooSmall = runCli({"router", "eval", csv, "--format", "long", "--features", "embeddings", "--pool", "demo",
                                "--embedder", "sim/nano", "--max-cost", "0.00001", "--db", m_dir.filePath("small.db")});
        QVERIFY(tooSmall.exitCode != 0);
        QVERIFY2(tooSmall.err.contains("embedding budget $0.000010 would be exceeded"), tooSmall.err.constData());

        auto noPool = runCli({"router", "eval", csv, "--format", "long", "--features", "embeddings"});
        QVERIFY(noPool.exitCode != 0);
        QVERIFY2(noPool.err.contains("needs --pool P and --embedder MODEL"), noPool.err.constData());
        auto unknown = runCli({"router", "eval", csv, "--format", "long", "--features", "embeddings", "--pool", "demo",
                               "--embedder", "sim/none", "--max-cost", "1"});
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.err.contains("has no such model; it has sim/nano"), unknown.err.constData());
        auto stray = runCli({"router", "eval", csv, "--format", "long", "--embedder", "sim/nano"});
        QVERIFY(stray.exitCode != 0);
        QVERIFY2(stray.err.contains("go with --features embeddings"), stray.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliRouter)
#include "cli_process.h"
#include "tst_cli_router.moc"
