// SPDX-License-Identifier: MIT
// The demo task set: size, categories, determinism, and gold answers re-derived from the
// prompt text independently of the generator.

#include "core_printers.h"
#include "eval/grader.h"
#include "io/task_export.h"
#include "io/task_import.h"
#include "sim/demo_tasks.h"

#include <QRegularExpression>
#include <QTest>

using namespace baton::core;

namespace {

QString prompt(const TaskItem& i) {
    return QString::fromStdString(i.prompt());
}
QString gold(const TaskItem& i) {
    return QString::fromStdString(i.references.front());
}

} // namespace

class TestDemoTasks : public QObject {
    Q_OBJECT
private slots:
    void sizeAndCategories() {
        TaskSet set = generateDemoTasks();
        QCOMPARE(set.items.size(), size_t(300));
        std::map<std::string, int> perCategory;
        for (const auto& i : set.items)
            ++perCategory[i.category];
        QCOMPARE(perCategory.size(), size_t(6));
        for (const auto& [cat, n] : perCategory)
            QCOMPARE(n, 50);
    }

    void deterministicPerSeed() {
        QCOMPARE(generateDemoTasks(1).contentHash(), generateDemoTasks(1).contentHash());
        QVERIFY(generateDemoTasks(1).contentHash() != generateDemoTasks(2).contentHash());
    }

    void goldGradesAsCorrect() {
        TaskSet set = generateDemoTasks();
        for (const auto& i : set.items) {
            std::string reply = "Some reasoning first. The answer is " + i.references.front() + ".";
            QVERIFY2(grade(set.graderFor(i), reply, i.references).score == 1.0, i.id.c_str());
        }
    }

    void goldAnswersRederivedFromPrompts() {
        int checked = 0;
        for (const auto& i : generateDemoTasks().items) {
            QString p = prompt(i);
            QRegularExpressionMatch m;
            if ((m = QRegularExpression(R"(^What is (\d+) \+ (\d+) - (\d+)\?)").match(p)).hasMatch()) {
                QCOMPARE(gold(i).toLongLong(),
                         m.captured(1).toLongLong() + m.captured(2).toLongLong() - m.captured(3).toLongLong());
            } else if ((m = QRegularExpression(R"(^What is (\d+) x (\d+)\?)").match(p)).hasMatch()) {
                QCOMPARE(gold(i).toLongLong(), m.captured(1).toLongLong() * m.captured(2).toLongLong());
            } else if ((m = QRegularExpression(R"(^x = (\d+)\nfor i in range\((\d+)\):)")
                                .match(p.section("```python\n", 1)))
                           .hasMatch()) {
                long long x = m.captured(1).toLongLong();
                for (int k = 0; k < m.captured(2).toInt(); ++k)
                    x = x * 2 - k;
                QCOMPARE(gold(i).toLongLong(), x);
            } else if ((m = QRegularExpression(R"(has (\d+) chickens, (\d+) cows and (\d+) sheep)").match(p))
                           .hasMatch()) {
                QCOMPARE(gold(i).toLongLong(), 2 * m.captured(1).toLongLong() +
                                                   4 * (m.captured(2).toLongLong() + m.captured(3).toLongLong()));
            } else if ((m = QRegularExpression(R"(access code of locker (\d+)\?)").match(p)).hasMatch()) {
                auto code = QRegularExpression("Locker " + m.captured(1) + R"( has access code (\d+)\.)").match(p);
                QVERIFY(code.hasMatch());
                QCOMPARE(gold(i), code.captured(1));
            } else if ((m = QRegularExpression(R"(\(([A-D])\) (\d+)\n?)").match(p)).hasMatch() && p.contains("prime")) {
                auto option = QRegularExpression("\\(" + gold(i) + R"(\) (\d+))").match(p);
                long long n = option.captured(1).toLongLong();
                bool prime = n > 1;
                for (long long d = 2; d * d <= n; ++d)
                    prime = prime && n % d != 0;
                QVERIFY2(prime, qPrintable(p));
            } else {
                continue;
            }
            ++checked;
        }
        QVERIFY2(checked >= 100, qPrintable(QString::number(checked)));
    }

    void jsonlRoundTrip() {
        TaskSet set = generateDemoTasks(3, 5);
        auto imported = parseTasks(taskSetToJsonl(set), "demo.jsonl", {});
        QVERIFY2(imported, imported ? "" : imported.error().describe().c_str());
        QCOMPARE(imported->set.contentHash(), set.contentHash());
    }
};

QTEST_GUILESS_MAIN(TestDemoTasks)
#include "tst_demo_tasks.moc"
