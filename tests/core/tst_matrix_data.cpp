// SPDX-License-Identifier: MIT
// The importers plus the plain metrics reproduce the published figures of real outcome data in
// ../shared/data (see its README). Skipped, with the reason, when the folder is absent.

#include "matrix/matrix_import.h"
#include "replay/model_stats.h"
#include "replay/route_replay.h"
#include "util/file_io.h"

#include <QtTest>
#include <cmath>
#include <filesystem>
#include <regex>
#include <sstream>

using namespace baton::core;

namespace {

// The define points beside the checkout; BATON_SHARED_DATA in the environment overrides it (worktrees).
const std::string kData = qEnvironmentVariableIsSet("BATON_SHARED_DATA")
                              ? qEnvironmentVariable("BATON_SHARED_DATA").toStdString()
                              : std::string(BATON_SHARED_DATA);

#define REQUIRE_SHARED_DATA(sub)                                                                                       \
    if (!std::filesystem::exists(kData + "/" + sub))                                                                   \
        QSKIP(qPrintable(QString("needs the real outcome data in %1/%2 (present in CI; a fresh clone has none)")      \
                             .arg(QString::fromStdString(kData), QString::fromStdString(sub))));

double accuracyOf(const OutcomeMatrix& m, const std::string& model) {
    for (const auto& s : modelStats(m))
        if (s.model == model) return s.accuracy;
    return NAN;
}

double round4(double v) {
    return std::round(v * 1e4) / 1e4;
}

} // namespace

class TestMatrixData : public QObject {
    Q_OBJECT
private slots:
    void routeLlm_data() {
        QTest::addColumn<QString>("set");
        QTest::addColumn<QString>("files");
        QTest::addColumn<bool>("exclude");
        QTest::addColumn<int>("rows");
        QTest::addColumn<double>("gpt4");
        QTest::addColumn<double>("mixtral");
        QTest::addColumn<double>("oracle");
        QTest::newRow("MMLU") << "mmlu" << "mmlu/responses" << true << 14037 << 0.8059 << 0.6809 << 0.8587;
        QTest::newRow("GSM8K") << "gsm8k" << "gsm8k/gsm8k_responses.csv" << true << 1307 << 0.8577 << 0.6373 << 0.9296;
        QTest::newRow("MMLU, all") << "mmlu" << "mmlu/responses" << false << 14042 << 0.8058 << 0.6808 << 0.8586;
        QTest::newRow("GSM8K, all") << "gsm8k" << "gsm8k/gsm8k_responses.csv" << false << 1319 << 0.8567 << 0.6384
                                    << double(NAN);
    }
    void routeLlm() {
        REQUIRE_SHARED_DATA("routellm");
        QFETCH(QString, set);
        QFETCH(QString, files);
        QFETCH(bool, exclude);
        QFETCH(int, rows);
        QFETCH(double, gpt4);
        QFETCH(double, mixtral);
        QFETCH(double, oracle);
        MatrixImportOptions o;
        o.format = "routellm";
        if (exclude) o.excludePromptsFile = kData + "/routellm/" + set.toStdString() + "/contaminated_prompts.jsonl";
        auto m = importMatrix({kData + "/routellm/" + files.toStdString()}, o);
        QVERIFY2(m.has_value(), m ? "" : m.error().describe().c_str());
        QCOMPARE(int(m->itemCount()), rows);
        QCOMPARE(round4(accuracyOf(*m, "gpt-4-1106-preview")), gpt4);
        QCOMPARE(round4(accuracyOf(*m, "mistralai/Mixtral-8x7B-Instruct-v0.1")), mixtral);
        auto items = completeItems(*m);
        QCOMPARE(int(items.size()), rows);
        if (!std::isnan(oracle)) QCOMPARE(round4(scoreRoutes(*m, items, oracleChoices(*m, items)).accuracy), oracle);
        if (set == "mmlu") QCOMPARE(m->categories.size(), size_t(57)); // one per subject file
        QVERIFY(m->bytesPerCell() <= 64);
    }

    void zeroEval() {
        REQUIRE_SHARED_DATA("zeroeval-gsm8k");
        MatrixImportOptions o;
        o.format = "zeroeval";
        auto m = importMatrix({kData + "/zeroeval-gsm8k/gsm_correctness.csv"}, o);
        QVERIFY2(m.has_value(), m ? "" : m.error().describe().c_str());
        QCOMPARE(m->modelCount(), size_t(42));
        // The leaderboard: | model | mode | Acc | ... |
        auto summary = readTextFile(kData + "/zeroeval-gsm8k/gsm.summary.md");
        QVERIFY(summary.has_value());
        std::map<std::string, double> published;
        std::regex row(R"(^\|\s*([^|]+?)\s*\|\s*greedy\s*\|\s*([0-9.]+)\s*\|)");
        std::istringstream in(*summary);
        for (std::string line; std::getline(in, line);) {
            std::smatch match;
            if (std::regex_search(line, match, row)) published[match[1]] = std::stod(match[2]);
        }
        QCOMPARE(published.size(), size_t(45)); // three leaderboard models have no per-question rows
        for (const auto& s : modelStats(*m)) {
            QVERIFY2(published.count(s.model), s.model.c_str());
            QCOMPARE(std::round(s.accuracy * 100 * 100) / 100, published[s.model]);
        }
        QCOMPARE(modelStats(*m, {})[m->modelIndex("gemini-1.5-flash-exp-0827").value()].n, int64_t(681));
    }

    void mmluPro_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("records");
        QTest::addColumn<double>("accuracy");
        QTest::newRow("70B") << "Meta-Llama-3_1-70B-Instruct" << 12032 << 0.6282;
        QTest::newRow("8B") << "Meta-Llama-3_1-8B-Instruct" << 12032 << 0.4419;
        QTest::newRow("Mixtral") << "Mixtral-8x7B-Instruct-v0.1" << 12032 << 0.4189;
        QTest::newRow("flash") << "gemini-1.5-flash-002" << 12012 << 0.6409;
        QTest::newRow("pro") << "gemini-1.5-pro-002" << 12020 << 0.7025;
    }
    void mmluPro() {
        REQUIRE_SHARED_DATA("mmlu-pro");
        QFETCH(QString, model);
        QFETCH(int, records);
        QFETCH(double, accuracy);
        static std::optional<OutcomeMatrix> all; // one import of the five zips for every row
        if (!all) {
            MatrixImportOptions o;
            o.format = "mmlu-pro";
            auto m = importMatrix({kData + "/mmlu-pro"}, o);
            QVERIFY2(m.has_value(), m ? "" : m.error().describe().c_str());
            all = std::move(*m);
        }
        QCOMPARE(all->modelCount(), size_t(5));
        QCOMPARE(all->categories.size(), size_t(14));
        auto stats = modelStats(*all);
        auto index = all->modelIndex(model.toStdString());
        QVERIFY(index.has_value());
        QCOMPARE(int(stats[*index].n), records);
        QCOMPARE(round4(stats[*index].accuracy), accuracy);
    }
};

QTEST_GUILESS_MAIN(TestMatrixData)
#include "tst_matrix_data.moc"
