// SPDX-License-Identifier: MIT
// Graders on messy real answers: markdown, parentheses, currency, equations, trailing explanations.

#include "eval/answer_extraction.h"
#include "eval/grader.h"

#include "core_printers.h"

#include <QTest>

#include <random>
#include <regex>

using namespace baton::core;
Q_DECLARE_METATYPE(GraderKind)

class TestGraders : public QObject {
    Q_OBJECT
private slots:
    void grades_data() {
        QTest::addColumn<GraderKind>("kind");
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<double>("score");
        QTest::addColumn<QString>("extracted");

        auto numeric = GraderKind::Numeric, choice = GraderKind::Choice, norm = GraderKind::Normalized;
        QTest::newRow("bold with period") << numeric << "The answer is **42**."
                                          << "42" << 1.0 << "42";
        QTest::newRow("unicode minus") << numeric << "The answer is \xe2\x88\x92" "5."
                                       << "-5" << 1.0 << "-5";
        QTest::newRow("currency") << numeric << "She paid $1,234.50 in total."
                                  << "1234.5" << 1.0 << "1234.5";
        QTest::newRow("equation") << numeric << "x = 3.0"
                                  << "3" << 1.0 << "3";
        QTest::newRow("gsm8k marker") << numeric << "48/2 = 24 clips in May.\n#### 72"
                                      << "72" << 1.0 << "72";
        QTest::newRow("reference with marker") << numeric << "72"
                                               << "Natalia sold 48/2 = 24...\n#### 72" << 1.0 << "72";
        QTest::newRow("last number wins") << numeric << "First 12, then 7 more, so 19"
                                          << "19" << 1.0 << "19";
        QTest::newRow("marked beats trailing") << numeric << "The answer is 18. (Check: 9 x 2 = 18, not 20.)"
                                               << "18" << 1.0 << "18";
        QTest::newRow("wrong number") << numeric << "The answer is 41."
                                      << "42" << 0.0 << "41";
        QTest::newRow("negative") << numeric << "Final answer: -7"
                                  << "-7" << 1.0 << "-7";
        QTest::newRow("boxed") << numeric << "so \\boxed{3/4} overall"
                               << "0.75" << 1.0 << "0.75";
        QTest::newRow("the last box") << numeric << "\\boxed{1}, no: \\boxed{2}"
                                      << "2" << 1.0 << "2";
        QTest::newRow("a box with braces inside is no box") << numeric << "\\boxed{\\frac{1}{2}} or \\boxed{5}"
                                                            << "5" << 1.0 << "5";
        QTest::newRow("an open box then a marker") << numeric << "\\boxed{7 and so the answer is 9"
                                                   << "9" << 1.0 << "9";
        QTest::newRow("percent") << numeric << "Answer: 50%"
                                 << "50" << 1.0 << "50";
        QTest::newRow("no number") << numeric << "I cannot tell."
                                   << "3" << 0.0 << "";

        QTest::newRow("paren letter") << choice << "(B)"
                                      << "B" << 1.0 << "B";
        QTest::newRow("letter then text") << choice << "B) Paris, because it is the capital."
                                          << "B" << 1.0 << "B";
        QTest::newRow("answer is (C)") << choice << "Let's think. A is wrong, B too. The answer is (C)."
                                       << "C" << 1.0 << "C";
        QTest::newRow("bold letter") << choice << "**D**"
                                     << "D" << 1.0 << "D";
        QTest::newRow("lowercase marker") << choice << "answer: e"
                                          << "E" << 1.0 << "E";
        QTest::newRow("wrong letter") << choice << "The answer is A."
                                      << "B" << 0.0 << "A";
        QTest::newRow("article is not a choice") << choice << "A cat sat on the mat."
                                                 << "A" << 0.0 << "";

        QTest::newRow("normalized case/punct") << norm << "  Paris. "
                                               << "paris" << 1.0 << "paris";
        QTest::newRow("normalized articles") << norm << "The Eiffel Tower"
                                             << "eiffel tower" << 1.0 << "eiffel tower";
        QTest::newRow("normalized marked") << norm << "Thinking... The answer is **Mount Everest**."
                                           << "Mount Everest" << 1.0 << "mount everest";
        QTest::newRow("normalized wrong") << norm << "London"
                                          << "Paris" << 0.0 << "london";
        QTest::newRow("exact is strict") << GraderKind::Exact << "paris"
                                         << "Paris" << 0.0 << "paris";
        QTest::newRow("exact trims") << GraderKind::Exact << " Paris\n"
                                     << "Paris" << 1.0 << "Paris";
        QTest::newRow("contains word") << GraderKind::Contains << "It was Ada Lovelace, in 1843."
                                       << "ada lovelace" << 1.0 << "ada lovelace";
        QTest::newRow("contains not substring") << GraderKind::Contains << "forty-two"
                                                << "two" << 0.0 << "";
    }
    void grades() {
        QFETCH(GraderKind, kind);
        QFETCH(QString, answer);
        QFETCH(QString, reference);
        QFETCH(double, score);
        QFETCH(QString, extracted);
        GraderSpec spec;
        spec.kind = kind;
        auto g = grade(spec, answer.toStdString(), {reference.toStdString()});
        QCOMPARE(g.score, score);
        QCOMPARE(QString::fromStdString(g.extracted), extracted);
    }

    void numericTolerance() {
        GraderSpec spec;
        spec.kind = GraderKind::Numeric;
        spec.absTolerance = 0.01;
        QCOMPARE(grade(spec, "about 3.14159", {"3.14"}).score, 1.0);
        QCOMPARE(grade(spec, "3.2", {"3.14"}).score, 0.0);
        spec.absTolerance = 0;
        spec.relTolerance = 0.05;
        QCOMPARE(grade(spec, "1040", {"1000"}).score, 1.0);
        QCOMPARE(grade(spec, "1060", {"1000"}).score, 0.0);
    }

    void anyReferenceCounts() {
        GraderSpec spec;
        QCOMPARE(grade(spec, "NYC", {"New York City", "NYC"}).score, 1.0);
    }

    void regexWithAndWithoutGroup() {
        GraderSpec spec;
        spec.kind = GraderKind::Regex;
        spec.pattern = R"(\bdef \w+\()";
        QCOMPARE(grade(spec, "Here:\ndef solve(x):\n  return x", {}).score, 1.0);
        QCOMPARE(grade(spec, "lambda x: x", {}).score, 0.0);
        spec.pattern = R"(Capital: (\w+))";
        auto g = grade(spec, "Capital: Canberra (not Sydney)", {"canberra"});
        QCOMPARE(g.score, 1.0);
        QCOMPARE(g.extracted, std::string("Canberra"));
    }

    void jsonField() {
        GraderSpec spec;
        spec.kind = GraderKind::JsonField;
        spec.field = "result.total";
        QCOMPARE(grade(spec, "Sure! ```json\n{\"result\": {\"total\": 1234.5}}\n```", {"1234.50"}).score, 1.0);
        QCOMPARE(grade(spec, R"({"result": {"total": "12"}})", {"13"}).score, 0.0);
        auto missing = grade(spec, R"({"result": {}})", {"1"});
        QCOMPARE(missing.score, 0.0);
        QVERIFY(missing.note.find("not found") != std::string::npos);
        spec.field = "items.1.name";
        QCOMPARE(grade(spec, R"(The data: {"items": [{"name": "a"}, {"name": "Widget"}]} done)", {"widget"}).score,
                 1.0);
        QCOMPARE(grade(spec, "no json here", {"x"}).note, std::string("no JSON object found in the answer"));
    }

    void numberTokensAreTheRegexs() {
        // The tokens were found by this std::regex (ECMAScript), now by a scan: the pattern stays
        // here as the scan's specification, checked on chosen and on random texts. The minus sign
        // U+2212 is spelled in UTF-8 (the regex's \u2212 had matched the byte 0x12).
        const std::regex pattern(
            R"((-|\xe2\x88\x92)?\$?\s?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d+)?(\s?/\s?\d+)?%?|(-)?\$?\.\d+)");
        auto byRegex = [&](const std::string& s) {
            std::vector<std::string> out;
            for (auto it = std::sregex_iterator(s.begin(), s.end(), pattern); it != std::sregex_iterator(); ++it)
                out.push_back(it->str());
            return out;
        };
        auto byScan = [](const std::string& s) {
            std::vector<std::string> out;
            for (std::string_view token : numberTokens(s))
                out.emplace_back(token);
            return out;
        };
        using Tokens = std::vector<std::string>;
        QCOMPARE(byScan("She paid $1,234.50, then -3 and 1e3 (50%), 3 / 4."),
                 (Tokens{"$1,234.50", "-3", " 1e3", "50%", " 3 / 4"})); // \s? takes the space before
        QCOMPARE(byScan("1,2345 and 12345,678"), (Tokens{"1,234", "5", " 12345", "678"}));
        QCOMPARE(byScan("-.5 $ 5 -$.25 5e+ 5 /x"), (Tokens{"-.5", "$ 5", "-$.25", " 5", " 5"}));
        const std::string alphabet = "0123456789,.-$ \t\n\v\r/%eE+x\x12\xe2\x88\x92";
        std::mt19937 rng(16);
        for (int n = 0; n < 40000; ++n) {
            std::string s(rng() % 24, ' ');
            for (char& c : s)
                c = alphabet[rng() % alphabet.size()];
            QCOMPARE(byScan(s), byRegex(s));
        }
    }

    void parseNumberIsWhole() {
        QCOMPARE(parseNumber("1,234").value(), 1234.0);
        QVERIFY(!parseNumber("12 apples").has_value());
        QCOMPARE(parseNumber("-0.5").value(), -0.5);
        QCOMPARE(parseNumber("\xe2\x88\x92" "0.5").value(), -0.5);
    }
};

QTEST_GUILESS_MAIN(TestGraders)
#include "tst_graders.moc"
