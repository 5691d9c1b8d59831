// SPDX-License-Identifier: MIT
// Each simulated model's measured accuracy per category on the demo set, asked over HTTP and
// graded by the core graders, matches its profile within a binomial 99% interval.

#include "core_printers.h"
#include "eval/grader.h"
#include "http_test_client.h"
#include "sim/demo_tasks.h"
#include "sim/sim_server.h"

#include <QTest>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace baton::core;

class TestSimAccuracy : public QObject {
    Q_OBJECT
private slots:
    void accuracyMatchesProfile() {
        SimProfile profile = demoSimProfile();
        QCOMPARE(profile.models.size(), size_t(6));
        profile.faults = {};
        profile.timeScale = 0;
        TaskSet tasks = generateDemoTasks();
        auto server = SimServer::start(std::make_shared<SimResponder>(profile, tasks));
        QVERIFY(server);

        int checks = 0;
        for (const auto& model : profile.models) {
            std::map<std::string, std::pair<int, int>> tally; // category -> (right, asked)
            for (const auto& item : tasks.items) {
                nlohmann::json body = {{"model", model.name},
                                       {"messages", {{{"role", "user"}, {"content", item.prompt()}}}}};
                auto r = httpPost((*server)->baseUrl() + "/chat/completions", body.dump());
                QCOMPARE(r.status, 200L);
                std::string answer = nlohmann::json::parse(r.body)["choices"][0]["message"]["content"];
                auto& [right, asked] = tally[item.category];
                right += grade(tasks.graderFor(item), answer, item.references).score >= 0.5;
                ++asked;
            }
            for (const auto& [category, counts] : tally) {
                double p = model.skillFor(category), n = counts.second;
                double measured = counts.first / n;
                double halfWidth = 2.576 * std::sqrt(p * (1 - p) / n) + 0.5 / n; // 99%, continuity-corrected
                QVERIFY2(std::fabs(measured - p) <= halfWidth,
                         qPrintable(QString("%1 on %2: measured %3, profile %4 (+/- %5)")
                                        .arg(model.name.c_str(), category.c_str())
                                        .arg(measured)
                                        .arg(p)
                                        .arg(halfWidth)));
                ++checks;
                if (qEnvironmentVariableIsSet("BATON_SHOW_ACCURACY"))
                    qInfo("%s %s %.2f vs %.2f", model.name.c_str(), category.c_str(), measured, p);
            }
        }
        QCOMPARE(checks, 36);
    }
};

QTEST_GUILESS_MAIN(TestSimAccuracy)
#include "tst_sim_accuracy.moc"
