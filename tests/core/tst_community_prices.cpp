// SPDX-License-Identifier: MIT
// Issue 17: price lists in the community format, and re-pricing a past run with them or with a
// vendor's prices raised by x%.

#include "bundle/run_repricing.h"
#include "pricing/community_prices.h"
#include "pricing/cost.h"
#include "util/file_io.h"

#include <QTest>

using namespace baton::core;

namespace {
// (Outside the Q_OBJECT class: moc cannot read raw strings with braces.)
const char* const kPool = R"({"models": [
    {"name": "gpt", "price": "openai/gpt-4o", "tags": {"vendor": "openai"}},
    {"name": "mine", "price": {"input": 1, "output": 1}, "tags": {"vendor": "self"}},
    {"name": "gone", "price": "acme/retired", "tags": {"vendor": "acme"}}]})";
// What the run priced with: gpt-4o at half today's list, the inline and the retired ones.
const char* const kUsedPrices = R"({"gpt": {"id": "openai/gpt-4o", "input": 1.25, "output": 5},
    "mine": {"input": 1, "output": 1}, "gone": {"id": "acme/retired", "input": 2, "output": 2}})";
} // namespace

class TestCommunityPrices : public QObject {
    Q_OBJECT

    static std::string sample() { return *readTextFile(BATON_TEST_DATA "/prices/community-sample/input/prices.json"); }

    static Call call(const std::string& model, int64_t in, int64_t out, std::optional<Money> cost) {
        Call c;
        c.runId = 1;
        c.model = model;
        c.strategy = model;
        c.usage.input = in;
        c.usage.output = out;
        c.usage.cachedInput = 0;
        c.usage.cacheWrite = 0;
        c.usage.reasoning = 0;
        c.cost = cost;
        return c;
    }

private slots:
    // The book read from the sample is checked entry by entry against
    // tests/data/prices/community-sample/expected/book.json by tst_golden, with the hostile lists
    // beside it; here: the format is recognised, and the book written as Baton's own reads back
    // the same and is no longer taken for a community list.
    void theBookReadsBackAsBatonsOwn() {
        QVERIFY(looksLikeCommunityPrices(sample()));
        auto read = readCommunityPrices(sample(), "sample.json", "2026-11-20", "gateway list");
        QVERIFY2(read.has_value(), read ? "" : read.error().describe().c_str());
        QCOMPARE(read->book.entries().size(), size_t(4));
        auto again = PriceBook::fromJson(read->book.toJsonText(), "again.json");
        QVERIFY(again.has_value());
        for (const auto& [id, entry] : read->book.entries()) {
            QVERIFY2(again->find(id), id.c_str());
            QCOMPARE(*again->find(id), entry);
        }
        QVERIFY(!looksLikeCommunityPrices(read->book.toJsonText()));
    }

    void repricesAPastRunWithANewListAndARaise() {
        auto list = readCommunityPrices(sample(), "sample.json", "2026-11-20", "gateway list");
        QVERIFY(list.has_value());
        Run run;
        run.id = 4;
        run.poolSnapshot = nlohmann::json::parse(kPool);
        run.priceBookSnapshot = nlohmann::json::parse(kUsedPrices);
        std::vector<Call> calls = {call("gpt", 1000000, 100000, Money::fromUsd(1.75)),
                                   call("mine", 500000, 500000, Money::fromUsd(1.0)),
                                   call("gone", 1000000, 0, Money::fromUsd(2.0)), call("gpt", 0, 0, std::nullopt)};
        calls.back().usage = {}; // failed before any usage: unknown before, unknown after
        calls.push_back(call("mine", 0, 0, Money{}));
        calls.back().usage = {}; // an error nobody bills: $0 before, $0 after
        RepriceOptions today{&list->book, {}};
        auto r = repriceRun(run, calls, today);
        QCOMPARE(r.models.size(), size_t(3));
        QCOMPARE(r.models[0].repriced, std::optional<Money>()); // the unknown call keeps gpt's total unknown
        QCOMPARE(r.strategies[1].repriced, std::optional<Money>(Money::fromUsd(1.0))); // inline prices kept
        QCOMPARE(r.strategies[2].repriced, std::optional<Money>(Money::fromUsd(2.0))); // not in the list: as used
        QVERIFY(r.models[2].origin.find("not in the new price list") != std::string::npos);
        QVERIFY(r.models[0].origin.find("2026-11-20") != std::string::npos);
        calls.pop_back();
        // Without the unknown call, gpt at today's list: 1M x $2.5 + 0.1M x $10 = $3.50.
        calls.pop_back();
        r = repriceRun(run, calls, today);
        QCOMPARE(r.strategies[0].recorded, std::optional<Money>(Money::fromUsd(1.75)));
        QCOMPARE(r.strategies[0].repriced, std::optional<Money>(Money::fromUsd(3.5)));
        QCOMPARE(r.repricedTotal, std::optional<Money>(Money::fromUsd(6.5)));
        // Lock-in: openai raises its prices by 20% on the run's own prices: $1.75 -> $2.10.
        RepriceOptions raised{nullptr, {{"openai", 20}}};
        r = repriceRun(run, calls, raised);
        QCOMPARE(r.models[0].raisedPercent, 20.0);
        QCOMPARE(r.strategies[0].repriced, std::optional<Money>(Money::fromUsd(2.1)));
        QCOMPARE(r.strategies[1].repriced, r.strategies[1].recorded);
        QCOMPARE(r.repricedTotal, std::optional<Money>(Money::fromUsd(5.1)));
    }

    // The run's price snapshot holds each model's whole entry with its date: the dates it was
    // recorded with come from there (no price version kept with the run).
    void recordedPricesAreDatedFromTheRunsSnapshot() {
        Run run;
        run.poolSnapshot = nlohmann::json::parse(kPool);
        run.priceBookSnapshot = nlohmann::json::parse(kUsedPrices);
        run.priceBookSnapshot["gpt"]["as_of"] = "2025-04-14";
        run.priceBookSnapshot["gone"]["as_of"] = "2024-01-02";
        auto dates = recordedPriceDates(run);
        QCOMPARE(dates, (std::vector<std::string>{"", "2024-01-02", "2025-04-14"})); // "mine" carries no date
        QCOMPARE(repriceRun(run, {}, {}).recordedAsOf, dates);
        QCOMPARE(describeRecordedPrices(dates),
                 std::string("recorded with prices as of 2024-01-02 and 2025-04-14 (some undated)"));
        run.priceBookSnapshot["mine"]["as_of"] = "2026-11-25";
        QCOMPARE(describeRecordedPrices(recordedPriceDates(run)),
                 std::string("recorded with prices as of 2024-01-02, 2025-04-14 and 2026-11-25"));
        QCOMPARE(describeRecordedPrices({""}), std::string("recorded with undated prices"));
        QCOMPARE(poolVendors(run), (std::vector<std::string>{"acme", "openai", "self"}));
    }

    // The threshold in a tier's key is read as a number: 20 digits made stoll throw out of the reader (an
    // internal error, rc 3), 16 digits times 1000 wrapped (signed overflow, undefined behaviour).
    void tierThresholdsBeyondATrillionTokensAreRefused_data() {
        QTest::addColumn<QString>("digits");
        QTest::newRow("16 digits, the product overflows") << "9999999999999999";
        QTest::newRow("20 digits, beyond int64") << "99999999999999999999";
        QTest::newRow("one past the bound") << "1000000001";
    }
    void tierThresholdsBeyondATrillionTokensAreRefused() {
        QFETCH(QString, digits);
        std::string key = "input_cost_per_token_above_" + digits.toStdString() + "k_tokens";
        nlohmann::json list =
            nlohmann::json::parse(R"({"m": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}})");
        list["m"][key] = 2e-6;
        auto read = readCommunityPrices(list.dump(), "tiers.json", "2026-11-20", "s");
        QVERIFY(!read.has_value());
        QCOMPARE(read.error().kind, ErrorKind::BadInput);
        std::string all = read.error().describe();
        QVERIFY2(all.find("tiers.json: /m/" + key + ": a long-context threshold is at most 1000000000k tokens") !=
                     std::string::npos,
                 all.c_str());
        auto bound = readCommunityPrices(R"({"m": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6,
                                                   "input_cost_per_token_above_1000000000k_tokens": 2e-6}})",
                                         "tiers.json", "2026-11-20", "s");
        QVERIFY(bound.has_value());
        QCOMPARE(bound->book.find("m")->longContext->thresholdTokens, int64_t(1000000000000));
    }

    // A record from another version or a bundle may hold anything; the Reprice dialog reads these
    // on a worker thread, where nlohmann's type_error ended the workbench.
    void oddRecordsAreReadWithoutAThrow() {
        Run run;
        run.poolSnapshot = {{"models", {7, {{"name", 3}, {"tags", "x"}}, {{"name", "ok"}, {"tags", {{"vendor", 9}}}}}}};
        run.priceBookSnapshot = {{"ok", {{"as_of", 5}}}, {"other", "text"}};
        QCOMPARE(recordedPriceDates(run), (std::vector<std::string>{""}));
        QVERIFY(poolVendors(run).empty());
        RunRepricing r = repriceRun(run, {}, {});
        QCOMPARE(r.models.size(), size_t(2)); // the two objects; 7 is skipped
        QCOMPARE(r.models[1].model, std::string("ok"));
        run.poolSnapshot = {{"models", "none"}};
        QVERIFY(repriceRun(run, {}, {}).models.empty());
    }
};

QTEST_GUILESS_MAIN(TestCommunityPrices)
#include "tst_community_prices.moc"
