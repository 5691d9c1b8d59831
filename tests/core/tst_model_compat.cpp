// SPDX-License-Identifier: MIT
// What vendors announced about models, checked before a run: deprecations with their end of
// life (from @anthropic-ai/sdk 1.14.0) and sampling parameters newer Claude models refuse (from
// the SDK's parameter notes).

#include "core_printers.h"
#include "model/model_compat.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace baton::core;

class TestModelCompat : public QObject {
    Q_OBJECT
private slots:
    void diagnostics_data() {
        QTest::addColumn<QString>("remote");
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("today");
        QTest::addColumn<int>("warnings");
        QTest::addColumn<int>("errors");
        QTest::addColumn<QString>("says");
        QTest::newRow("sonnet 4.5 before its end") << "claude-sonnet-4-5"
                                                   << "{}"
                                                   << "2026-11-25" << 1 << 0 << "2026-11-30";
        QTest::newRow("sonnet 4.5 dated id") << "claude-sonnet-4-5-20250929"
                                             << "{}"
                                             << "2026-11-25" << 1 << 0 << "retires it on 2026-11-30";
        QTest::newRow("sonnet 4.5 after its end") << "claude-sonnet-4-5"
                                                  << "{}"
                                                  << "2026-12-01" << 0 << 1 << "reached its end of life on 2026-11-30";
        QTest::newRow("through OpenRouter") << "anthropic/claude-sonnet-4-5"
                                            << "{}"
                                            << "2026-11-25" << 1 << 0 << "";
        QTest::newRow("sonnet 4.6 current") << "claude-sonnet-4-6"
                                            << R"({"temperature":0.2})"
                                            << "2026-11-25" << 0 << 0 << "";
        QTest::newRow("opus 4.6 takes temperature") << "claude-opus-4-6"
                                                    << R"({"temperature":0.2,"top_k":5})"
                                                    << "2026-11-25" << 0 << 0 << "";
        QTest::newRow("opus 4.7 refuses temperature 0.2") << "claude-opus-4-7"
                                                          << R"({"temperature":0.2})"
                                                          << "2026-11-25" << 0 << 1 << "only temperature 1.0";
        QTest::newRow("opus 4.7 takes temperature 1") << "claude-opus-4-7"
                                                      << R"({"temperature":1})"
                                                      << "2026-11-25" << 0 << 0 << "";
        QTest::newRow("sonnet 5 dated, top_k and top_p") << "claude-sonnet-5-20260301"
                                                         << R"({"top_k":40,"top_p":0.9})"
                                                         << "2026-11-25" << 0 << 2 << "top_k";
        QTest::newRow("top_p 0.99 is accepted") << "claude-haiku-5-5"
                                                << R"({"top_p":0.99})"
                                                << "2026-11-25" << 0 << 0 << "";
        QTest::newRow("mythos preview: retired and restricted") << "claude-mythos-preview"
                                                                << R"({"temperature":0})"
                                                                << "2026-11-25" << 0 << 2 << "2026-06-30";
        QTest::newRow("other vendors untouched") << "gpt-5-mini"
                                                 << R"({"temperature":0.2})"
                                                 << "2026-11-25" << 0 << 0 << "";
    }

    void diagnostics() {
        QFETCH(QString, remote);
        QFETCH(QString, params);
        QFETCH(QString, today);
        QFETCH(int, warnings);
        QFETCH(int, errors);
        QFETCH(QString, says);
        ModelSpec m;
        m.name = "m";
        m.remoteModel = remote.toStdString();
        m.params = nlohmann::json::parse(params.toStdString());
        auto found = checkModelCompat(m, "/models/0", today.toStdString());
        int w = 0, e = 0;
        std::string all;
        for (const auto& d : found) {
            (d.severity == Severity::Error ? e : w)++;
            all += d.location + ": " + d.message + "\n";
        }
        QVERIFY2(w == warnings && e == errors, all.c_str());
        QVERIFY2(all.find(says.toStdString()) != std::string::npos, all.c_str());
    }

    // Hostile test i13, session 15: an inline price dated "banana", 2026-02-30 or 2099 loaded with
    // no word, and the future one was never flagged stale (the Pools page and `pool show` judge a
    // price's age by it).
    void inlinePriceDates_data() {
        QTest::addColumn<QString>("asOf");
        QTest::addColumn<QString>("says");
        QTest::newRow("not a date") << "banana"
                                    << "is not a date YYYY-MM-DD";
        QTest::newRow("30 February") << "2026-02-30"
                                     << "is not a date YYYY-MM-DD";
        QTest::newRow("in the future") << "2099-01-01"
                                       << "after today (2026-11-25)";
        QTest::newRow("today") << "2026-11-25"
                               << "";
        QTest::newRow("last year") << "2025-05-01"
                                   << "";
        QTest::newRow("undated") << ""
                                 << "";
    }
    void inlinePriceDates() {
        QFETCH(QString, asOf);
        QFETCH(QString, says);
        ModelSpec m;
        m.name = "m";
        m.remoteModel = "gpt-5-mini";
        PriceEntry price;
        price.asOf = asOf.toStdString();
        m.priceOverride = price;
        auto found = checkModelCompat(m, "/models/0", "2026-11-25");
        if (says.isEmpty()) {
            QVERIFY2(found.empty(), found.empty() ? "" : found.front().message.c_str());
            return;
        }
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().severity, Severity::Warning);
        QCOMPARE(found.front().location, std::string("/models/0/price/as_of"));
        QVERIFY2(found.front().message.find(says.toStdString()) != std::string::npos, found.front().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestModelCompat)
#include "tst_model_compat.moc"
