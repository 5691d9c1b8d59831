// SPDX-License-Identifier: MIT
// The SSE parser gives identical events under every byte split of each fixture, and the
// provider stream decoders read the same fixtures into the right text, usage and errors.

#include "core_printers.h"
#include "net/sse_parser.h"
#include "providers/provider_adapter.h"
#include "util/file_io.h"

#include <QTest>

using namespace baton::core;

namespace {

std::string fixture(const QString& name) {
    return readTextFile(BATON_TEST_DATA "/sse/" + name.toStdString()).value();
}

std::vector<SseEvent> parseInPieces(const std::string& bytes, const std::vector<size_t>& cuts) {
    SseParser parser;
    std::vector<SseEvent> events;
    size_t from = 0;
    for (size_t cut : cuts) {
        parser.feed(std::string_view(bytes).substr(from, cut - from), events);
        from = cut;
    }
    parser.feed(std::string_view(bytes).substr(from), events);
    parser.finish(events);
    return events;
}

} // namespace

class TestSseParser : public QObject {
    Q_OBJECT
private slots:
    void everySplitGivesTheSameEvents_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("events");
        QTest::newRow("openai") << "openai.sse" << 6;
        QTest::newRow("anthropic crlf") << "anthropic.sse" << 8;
        QTest::newRow("anthropic error") << "anthropic_error.sse" << 3;
        QTest::newRow("gemini cr") << "gemini.sse" << 3;
        QTest::newRow("edge cases") << "edge_cases.sse" << 4;
    }
    void everySplitGivesTheSameEvents() {
        QFETCH(QString, file);
        QFETCH(int, events);
        std::string bytes = fixture(file);
        auto whole = parseInPieces(bytes, {});
        QCOMPARE(int(whole.size()), events);
        for (size_t cut = 1; cut < bytes.size(); ++cut) {
            auto split = parseInPieces(bytes, {cut});
            QVERIFY2(split == whole, qPrintable(QString("two pieces cut at %1").arg(cut)));
        }
        for (size_t a = 1; a < bytes.size(); a += 7)
            for (size_t b = a + 1; b < bytes.size(); b += 5)
                QVERIFY(parseInPieces(bytes, {a, b}) == whole);
        std::vector<size_t> everyByte;
        for (size_t i = 1; i < bytes.size(); ++i)
            everyByte.push_back(i);
        QVERIFY(parseInPieces(bytes, everyByte) == whole);
    }

    void edgeCaseFields() {
        auto events = parseInPieces(fixture("edge_cases.sse"), {});
        QCOMPARE(events[0].data, std::string("first line\nsecond line"));
        QCOMPARE(events[0].id, std::string("7"));
        QCOMPARE(events[1].data, std::string(""));
        QCOMPARE(events[1].id, std::string("7")); // the last event id persists
        QCOMPARE(events[2].event, std::string("custom"));
        QCOMPARE(events[2].data, std::string("no space"));
        QCOMPARE(events[3].data, std::string("last, no blank line at the end"));
    }

    // Issue 16's mutation check: CRLF as two line ends, an event name carried into the next
    // event, or every leading space stripped must each fail here.
    void eventNamesSurviveCrlf() {
        auto events = parseInPieces(fixture("anthropic.sse"), {});
        QCOMPARE(int(events.size()), 8);
        QCOMPARE(events.front().event, std::string("message_start"));
        for (const auto& e : events) {
            QVERIFY2(!e.event.empty(), e.data.c_str());
            // The name on the wire matches the JSON's own "type".
            QVERIFY2(e.data.find("\"" + e.event + "\"") != std::string::npos, e.event.c_str());
        }
    }

    void eventNameIsResetAndOneSpaceStripped() {
        auto events = parseInPieces("event: first\ndata: a\n\ndata:  two spaces\n\ndata:\tb\n\n", {});
        QCOMPARE(int(events.size()), 3);
        QCOMPARE(events[0].event, std::string("first"));
        QCOMPARE(events[1].event, std::string("")); // not carried over from the event before
        QCOMPARE(events[1].data, std::string(" two spaces")); // only the first space is syntax
        QCOMPARE(events[2].data, std::string("\tb"));
    }

    void openAiStreamDecoded() {
        auto decoder = adapterFor(ProviderKind::OpenAi).streamDecoder();
        for (const auto& e : parseInPieces(fixture("openai.sse"), {}))
            QVERIFY(!decoder->onEvent(e));
        const ProviderReply& r = decoder->reply();
        QCOMPARE(r.text, std::string("The answer is 42 \xe2\x9c\x93."));
        QVERIFY(r.complete);
        QCOMPARE(r.finishReason, std::string("stop"));
        QCOMPARE(*r.usage.input, int64_t(200)); // 1,200 prompt tokens of which 1,000 cached
        QCOMPARE(*r.usage.cachedInput, int64_t(1000));
        QCOMPARE(*r.usage.output, int64_t(200)); // 300 completion tokens of which 100 reasoning
        QCOMPARE(*r.usage.reasoning, int64_t(100));
        QCOMPARE(r.billedCost->pico, Money::fromUsd(0.00123).pico);
    }

    void anthropicStreamDecoded() {
        auto decoder = adapterFor(ProviderKind::Anthropic).streamDecoder();
        for (const auto& e : parseInPieces(fixture("anthropic.sse"), {}))
            QVERIFY(!decoder->onEvent(e));
        const ProviderReply& r = decoder->reply();
        QCOMPARE(r.text, std::string("Hello world"));
        QVERIFY(r.complete);
        QCOMPARE(*r.usage.input, int64_t(25));
        QCOMPARE(*r.usage.cachedInput, int64_t(2000));
        QCOMPARE(*r.usage.cacheWrite, int64_t(100));
        QCOMPARE(*r.usage.output, int64_t(15));
    }

    void anthropicErrorAfter200() {
        auto decoder = adapterFor(ProviderKind::Anthropic).streamDecoder();
        std::optional<ProviderError> error;
        for (const auto& e : parseInPieces(fixture("anthropic_error.sse"), {}))
            if (auto err = decoder->onEvent(e)) error = err;
        QVERIFY(error);
        QCOMPARE(error->type, std::string("overloaded_error"));
        QVERIFY(decoder->deliveredContent()); // "Partial" already arrived: this call must not be retried
        QVERIFY(!decoder->reply().complete);
    }

    void geminiStreamSkipsThoughts() {
        auto decoder = adapterFor(ProviderKind::Gemini).streamDecoder();
        for (const auto& e : parseInPieces(fixture("gemini.sse"), {}))
            QVERIFY(!decoder->onEvent(e));
        const ProviderReply& r = decoder->reply();
        QCOMPARE(r.text, std::string("Paris it is."));
        QVERIFY(r.complete);
        QCOMPARE(*r.usage.input, int64_t(40));
        QCOMPARE(*r.usage.cachedInput, int64_t(10));
        QCOMPARE(*r.usage.output, int64_t(4));
        QCOMPARE(*r.usage.reasoning, int64_t(120));
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sse_parser.moc"
