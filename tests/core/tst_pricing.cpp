// SPDX-License-Identifier: MIT
// Golden costs computed by hand, one per provider usage convention (DESIGN section 4).

#include "model/money_text.h"
#include "pricing/cost.h"
#include "pricing/price_book.h"
#include "util/file_io.h"

#include "core_printers.h"

#include <QTest>

using namespace baton::core;

namespace {

const PriceEntry& bookEntry(const char* id) {
    const PriceEntry* e = PriceBook::bundled().find(id);
    if (!e) qFatal("price book entry %s missing", id);
    return *e;
}

int64_t usdToPico(double usd) {
    return Money::fromUsd(usd).pico;
}

} // namespace

class TestPricing : public QObject {
    Q_OBJECT
private slots:
    void bundledBookParsesWithoutProblems() {
        auto text = readTextFile(BATON_SOURCE_DIR "/resources/prices/price_book.json");
        QVERIFY(text);
        auto book = PriceBook::fromJson(*text, "price_book.json");
        QVERIFY2(book, book ? "" : book.error().describe().c_str());
        QCOMPARE(book->entries().size(), PriceBook::bundled().entries().size());
    }

    void bundledBookCoversEveryVendor_data() {
        QTest::addColumn<QString>("needle");
        for (const char* v : {"openai/", "anthropic/", "google/", "mistral/", "deepseek/", "llama", "qwen"})
            QTest::newRow(v) << v;
    }
    void bundledBookCoversEveryVendor() {
        QFETCH(QString, needle);
        int found = 0;
        for (const auto& [id, e] : PriceBook::bundled().entries()) {
            if (!QString::fromStdString(id).contains(needle, Qt::CaseInsensitive)) continue;
            ++found;
            QVERIFY2(!e.source.empty() && e.source.rfind("https://", 0) == 0, id.c_str());
            QVERIFY2(daysBetween(e.asOf, "2026-01-01").has_value(), id.c_str());
            QVERIFY2(e.prices.input && e.prices.output, id.c_str());
        }
        QVERIFY2(found >= 2, qPrintable(needle)); // a flagship and a small model at least
    }

    void openAiCachedAndReasoning() {
        // prompt 10,000 of which 4,000 cached; completion 2,000 of which 500 reasoning.
        // 6,000 x $2.50 + 4,000 x $1.25 + (1,500 + 500) x $10.00, per 1M = 0.015 + 0.005 + 0.020
        auto usage = TokenUsage::fromOpenAi(10000, 4000, 2000, 500);
        QCOMPARE(*usage.input, 6000);
        QCOMPARE(*usage.output, 1500);
        auto cost = computeCost(bookEntry("openai/gpt-4o"), usage);
        QVERIFY(cost.computed);
        QCOMPARE(cost.computed->pico, usdToPico(0.040));
        QVERIFY(!cost.longContext);
    }

    void anthropicCacheReadsAndWritesAreApart() {
        // input 3,000 (excludes cache) x $3 + read 10,000 x $0.30 + write 2,000 x $3.75 + out 1,000 x $15
        // = 0.009 + 0.003 + 0.0075 + 0.015
        auto usage = TokenUsage::fromAnthropic(3000, 10000, 2000, 1000);
        auto cost = computeCost(bookEntry("anthropic/claude-sonnet-4-5"), usage);
        QVERIFY(cost.computed);
        QCOMPARE(cost.computed->pico, usdToPico(0.0345));
    }

    void anthropicLongContextRepricesWholeRequest() {
        // prompt 150,000 + 60,000 cached = 210,000 > 200,000: every token moves to the tier.
        // 150,000 x $6 + 60,000 x $0.60 + 2,000 x $22.50 = 0.9 + 0.036 + 0.045
        auto cost =
            computeCost(bookEntry("anthropic/claude-sonnet-4-5"), TokenUsage::fromAnthropic(150000, 60000, 0, 2000));
        QVERIFY(cost.longContext);
        QCOMPARE(cost.computed->pico, usdToPico(0.981));
    }

    void geminiThoughtsBilledAsOutput() {
        // prompt 1,000 x $1.25 + (500 candidates + 1,500 thoughts) x $10 = 0.00125 + 0.02
        auto usage = TokenUsage::fromGemini(1000, 0, 500, 1500);
        QCOMPARE(*usage.reasoning, 1500);
        auto cost = computeCost(bookEntry("google/gemini-2.5-pro"), usage);
        QCOMPARE(cost.computed->pico, usdToPico(0.02125));
    }

    void geminiLongContextTier() {
        // prompt 250,000 incl. 50,000 cached > 200,000: 200,000 x $2.50 + 50,000 x $0.625 + 10,000 x $15
        // = 0.5 + 0.03125 + 0.15
        auto cost = computeCost(bookEntry("google/gemini-2.5-pro"), TokenUsage::fromGemini(250000, 50000, 4000, 6000));
        QVERIFY(cost.longContext);
        QCOMPARE(cost.computed->pico, usdToPico(0.68125));
    }

    void thresholdIsExclusive() {
        auto atThreshold = computeCost(bookEntry("google/gemini-2.5-pro"), TokenUsage::fromGemini(200000, 0, 0, 0));
        QVERIFY(!atThreshold.longContext);
        QCOMPARE(atThreshold.computed->pico, usdToPico(0.25));
    }

    void requestFeeAndReasoningPricedApart() {
        PriceEntry e;
        e.id = "test/fee";
        e.prices = {1.0, std::nullopt, std::nullopt, 2.0, 3.0};
        e.requestFee = 0.005;
        // 1,000 x $1 + 1,000 x $2 + 1,000 x $3 reasoning + $0.005 = 0.001 + 0.002 + 0.003 + 0.005
        auto cost = computeCost(e, TokenUsage::fromOpenAi(1000, 0, 2000, 1000));
        QCOMPARE(cost.computed->pico, usdToPico(0.011));
    }

    void unknownUsageIsUnknownNeverZero() {
        auto cost = computeCost(bookEntry("openai/gpt-4o"), TokenUsage::fromOpenAi(std::nullopt, 0, 100, 0));
        QVERIFY(!cost.computed.has_value());
        QVERIFY(!cost.effective().has_value());
        QVERIFY(cost.unknownReason.find("input") != std::string::npos);
    }

    void missingPriceForUsedTokensIsUnknown() {
        // Mistral has no cache-read price; a cache hit cannot be priced.
        auto usage = TokenUsage::fromOpenAi(1000, 500, 10, 0);
        auto cost = computeCost(bookEntry("mistral/mistral-large-2411"), usage);
        QVERIFY(!cost.computed);
        QVERIFY(cost.unknownReason.find("cached input") != std::string::npos);
        auto noCache = computeCost(bookEntry("mistral/mistral-large-2411"), TokenUsage::fromOpenAi(1000, 0, 10, 0));
        QVERIFY(noCache.computed);
    }

    void billedCostWinsAndBothAreKept() {
        auto cost = computeCost(bookEntry("openai/gpt-4o"), TokenUsage::fromOpenAi(1000, 0, 0, 0));
        cost.billed = Money::fromUsd(0.0031);
        QCOMPARE(cost.effective()->pico, usdToPico(0.0031));
        QCOMPARE(cost.computed->pico, usdToPico(0.0025));
    }

    // One text for money known or not, everywhere (reprice, bundle verify, router fit, Training lab):
    // an unknown cost or a figure that is not one reads "unknown", never $0.
    void moneyTextSaysUnknown() {
        QCOMPARE(formatUsd(std::optional<Money>()), std::string("unknown"));
        QCOMPARE(formatUsd(std::optional<Money>(Money::fromUsd(0.0012346))), std::string("$0.001235"));
        QCOMPARE(formatUsd(std::optional<Money>(Money::fromUsd(12.5))), std::string("$12.5000"));
        QCOMPARE(formatUsd(std::optional<Money>(Money{})), std::string("$0.000000")); // known to be free
        QCOMPARE(formatUsdFigure(NAN), std::string("unknown"));
        QCOMPARE(formatUsdFigure(INFINITY), std::string("unknown"));
        QCOMPARE(formatUsdFigure(250.0), std::string("$250.00"));
    }

    void staleEntries() {
        PriceBook book;
        book.insert({"a", "USD", {}, 0, std::nullopt, "", "2026-01-01"});
        book.insert({"b", "USD", {}, 0, std::nullopt, "", "2026-11-01"});
        book.insert({"c", "USD", {}, 0, std::nullopt, "", "not a date"});
        auto stale = book.staleEntries("2026-11-25", 180);
        QCOMPARE(stale, (std::vector<std::string>{"a", "c"}));
    }

    void badPriceBookListsEveryProblem() {
        auto book = PriceBook::fromJson(R"({"schema":1,"entries":[{"id":"x","input":"abc"},{"output":-1}]})", "b.json");
        QVERIFY(!book);
        QCOMPARE(book.error().problems.size(), size_t(3));
        QCOMPARE(book.error().problems[0].toString(),
                 std::string("b.json: /entries/0/input: expected a number, got \"abc\""));
    }
};

QTEST_GUILESS_MAIN(TestPricing)
#include "tst_pricing.moc"
