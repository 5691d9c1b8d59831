// SPDX-License-Identifier: MIT
// A pool's router trained on embedding features, run against the simulator over loopback: each
// item's prompt is embedded by the pool's embedder model as a call of the run (a routing-tree
// node of role "embed", logged with its cost, budgeted before it is sent), read from the
// workspace's embedding cache on the next run, and refused when the pool lacks the embedder.

#include "core_printers.h"
#include "engine/cached_estimate.h"
#include "learn/router_artifact.h"
#include "model/token_estimate.h"
#include "pricing/price_resolution.h"
#include "replay/router_fit.h"
#include "run/call_logger.h"
#include "run/embedding_call.h"
#include "run/embedding_client.h"
#include "run/worst_case.h"
#include "run_bench.h"
#include "sim/demo_tasks.h"
#include "store/embedding_cache.h"
#include "store/run_store.h"
#include "text/hashed_embedding.h"
#include "util/rng.h"
#include "util/sha256.h"

#include <QTest>
#include <map>
#include <set>

using namespace baton::core;

using baton::test::demoPool;
using Bench = baton::test::RunBench;

namespace {

/// Outcomes of the demo pool's models on another demo task set: the dearer the model the likelier
/// right, and the cheap ones good at arithmetic, so that the router has something to learn.
OutcomeMatrix trainingMatrix(const Pool& pool) {
    TaskSet set = generateDemoTasks(7, 20);
    OutcomeMatrix m;
    for (const auto& model : pool.models)
        m.models.push_back(model.name);
    for (const auto& item : set.items) {
        auto at = std::find(m.categories.begin(), m.categories.end(), item.category);
        if (at == m.categories.end()) at = m.categories.insert(m.categories.end(), item.category);
        m.itemIds.push_back(item.id);
        m.itemCategory.push_back(uint32_t(at - m.categories.begin()));
        m.prompts.push_back(item.prompt());
    }
    Rng rng(5);
    for (size_t k = 0; k < m.models.size(); ++k)
        for (size_t i = 0; i < m.itemCount(); ++i) {
            double skill = 0.45 + 0.09 * double(k) + (m.categoryOf(i) == "arithmetic" && k < 2 ? 0.4 : 0.0);
            m.grade.push_back(rng.uniform() < skill ? 1.f : 0.f);
            m.costUsd.push_back(0.0002 * double((k + 1) * (k + 1)));
            m.latencyMs.push_back(OutcomeMatrix::kMissing);
            m.inputTokens.push_back(-1);
            m.outputTokens.push_back(-1);
        }
    return m;
}

/// Trains router `name` on embeddings from pool model `embedder` (the simulator's vectors, made
/// here the way the simulator makes them) and saves it in the bench's workspace as version 1.
/// `identity`: the embedder recorded, when not `embedder`'s own.
void saveEmbeddingRouter(Bench& bench, const Pool& pool, const ModelSpec& embedder, const std::string& name,
                         const std::string& identity = "") {
    OutcomeMatrix m = trainingMatrix(pool);
    auto table = std::make_shared<PromptEmbeddings>();
    table->embedder = identity.empty() ? embedderIdentity(embedder, bench.env()) : identity;
    table->model = embedder.name;
    table->dims = 256;
    for (const auto& p : m.prompts)
        table->byPrompt[p] = hashedEmbedding(p, 256);
    RouterFitOptions o;
    o.name = name;
    o.train.embeddings = table;
    o.lambda = 20;
    auto fitted = fitRouter(m, o);
    if (!fitted) qFatal("%s", fitted.error().message.c_str());
    RouterArtifact artifact = std::move(*fitted);
    auto saved = bench.writer
                     ->submit([&](SqliteDb& db) -> Status {
                         auto v = saveRouterArtifact(db, artifact);
                         return v ? Status{} : std::unexpected(v.error());
                     })
                     .get();
    if (!saved) qFatal("%s", saved.error().message.c_str());
}

Pool withRouter(Pool pool, const std::string& router) {
    pool.strategies["learned"] = StrategyConfig{"router", {{"router", router + "@1"}}};
    return pool;
}

std::vector<Call> embedCalls(const std::vector<Call>& calls) {
    std::vector<Call> out;
    for (const auto& c : calls)
        if (c.role == CallRole::Embed) out.push_back(c);
    return out;
}

} // namespace

class TestRouterEmbeddingRun : public QObject {
    Q_OBJECT
private slots:
    void eachItemIsEmbeddedAsALoggedCallThenReadFromTheCache() {
        Bench bench(generateDemoTasks(1, 2), baton::test::quietProfile());
        const Pool pool = withRouter(demoPool(), "emb");
        const ModelSpec& nano = *pool.findModel("sim/nano");
        saveEmbeddingRouter(bench, pool, nano, "emb");
        const size_t items = bench.tasks.items.size();
        std::set<std::string> prompts;
        for (const auto& item : bench.tasks.items)
            prompts.insert(item.prompt());
        QCOMPARE(prompts.size(), items); // every item is a text of its own

        auto first = bench.run(pool, {"learned"}, false);
        QVERIFY2(first, first ? "" : first.error().describe().c_str());
        QCOMPARE(first->completed, int64_t(items));
        QCOMPARE(first->httpRequests, int64_t(2 * items)); // one embedding and one answer per item
        auto calls = bench.calls(first->runId);
        auto embeds = embedCalls(calls);
        QCOMPARE(embeds.size(), items);
        const PriceEntry* price = resolvePrice(nano, bench.inputs().prices);
        QVERIFY(price && price->prices.input);
        std::map<std::string, const TaskItem*> byId;
        for (const auto& item : bench.tasks.items)
            byId[item.id] = &item;
        std::set<std::string> embeddedItems;
        Money sum;
        for (const auto& c : calls) {
            QVERIFY2(c.cost, c.nodeId.c_str());
            sum += *c.cost;
        }
        QCOMPARE(first->spent.pico, sum.pico); // the ledger includes the embeddings
        for (const auto& e : embeds) {
            QCOMPARE(e.model, std::string("sim/nano"));
            QCOMPARE(e.nodeId, std::string("embed"));
            QVERIFY(e.parentNodeId.empty());
            QVERIFY(e.status == CallStatus::Ok);
            QVERIFY(!e.cacheHit);
            int64_t tokens = estimateTokens(byId.at(e.itemId)->prompt()); // what the simulator counts
            QCOMPARE(e.usage.input.value(), tokens);
            QCOMPARE(e.cost->pico, (Money::perTokenFromPerMillion(*price->prices.input) * tokens).pico);
            QVERIFY(e.cost->pico > 0);
            embeddedItems.insert(e.itemId);
        }
        QCOMPARE(embeddedItems.size(), items);
        // The routing decision is the embedding's child and gives every model's P(correct).
        std::map<std::string, std::string> routedTo;
        for (const auto& c : calls) {
            if (c.role == CallRole::Embed) continue;
            QCOMPARE(c.nodeId, std::string("0"));
            QCOMPARE(c.parentNodeId, std::string("embed"));
            QVERIFY2(c.reason.text.find("router emb@1, lambda 20") != std::string::npos, c.reason.text.c_str());
            QVERIFY2(c.reason.text.find("P(correct), expected cost, score:") != std::string::npos, c.reason.text.c_str());
            for (const auto& m : pool.models)
                QVERIFY2(c.reason.text.find(" " + m.name + " ") != std::string::npos, c.reason.text.c_str());
            routedTo[c.itemId] = c.model;
        }
        QCOMPARE(routedTo.size(), items);
        // The outcome's cost is the embedding's plus the answer's.
        const auto outcomes = loadOutcomes(*bench.freshReader(), first->runId).value();
        QCOMPARE(outcomes.size(), items);
        for (const auto& o : outcomes) {
            Money job;
            for (const auto& c : calls)
                if (c.itemId == o.itemId) job += *c.cost;
            QCOMPARE(o.cost.value().pico, job.pico);
            QCOMPARE(o.callCount, 2);
        }
        // The vectors are in the workspace's cache, exactly the simulator's.
        std::vector<std::string> hashes;
        for (const auto& item : bench.tasks.items)
            hashes.push_back(sha256Hex(item.prompt()));
        auto cached = lookupEmbeddings(*bench.freshReader(), embedderIdentity(nano, bench.env()), hashes).value();
        QCOMPARE(cached.size(), items);
        for (const auto& item : bench.tasks.items)
            QVERIFY(cached.at(sha256Hex(item.prompt())) == hashedEmbedding(item.prompt(), 256));

        // Again: no embeddings request, the same routes.
        auto second = bench.run(pool, {"learned"}, false);
        QVERIFY2(second, second ? "" : second.error().describe().c_str());
        QCOMPARE(second->completed, int64_t(items));
        QCOMPARE(second->httpRequests, int64_t(items)); // the answers only
        auto again = bench.calls(second->runId);
        auto hits = embedCalls(again);
        QCOMPARE(hits.size(), items); // still a node of each item's tree...
        Money answers;
        for (const auto& e : hits) {
            QVERIFY(e.cacheHit && e.costEstimated); // ...answered by the cache, at its list price
            QCOMPARE(e.cost->pico,
                     (Money::perTokenFromPerMillion(*price->prices.input) *
                      estimateTokens(byId.at(e.itemId)->prompt())).pico);
        }
        for (const auto& c : again)
            if (c.role != CallRole::Embed) {
                QCOMPARE(c.model, routedTo.at(c.itemId));
                answers += *c.cost;
            }
        QCOMPARE(second->spent.pico, answers.pico); // nothing paid for the embeddings
    }

    void estimateCountsOneEmbeddingPerItem() {
        Bench bench(generateDemoTasks(1, 2), baton::test::quietProfile());
        const Pool pool = withRouter(demoPool(), "emb");
        const ModelSpec& nano = *pool.findModel("sim/nano");
        saveEmbeddingRouter(bench, pool, nano, "emb");
        RunSettings settings;
        settings.strategies = {"learned"};
        settings.baselines = false;
        const PriceBook& prices = bench.inputs().prices;
        RunEstimate without = estimateRun(pool, bench.tasks, settings, prices);
        RunEstimate with = estimateWithCache(*bench.freshReader(), pool, bench.tasks, settings, prices).value();
        const PriceEntry* price = resolvePrice(nano, prices);
        Money likely, worst;
        for (const auto& item : bench.tasks.items) {
            likely += Money::perTokenFromPerMillion(*price->prices.input) * estimateTokens(item.prompt());
            worst += *embeddingWorstCase(*price, {item.prompt()});
        }
        QVERIFY(likely.pico > 0 && worst.pico > likely.pico);
        QCOMPARE(with.low.pico - without.low.pico, likely.pico);
        QCOMPARE(with.expected.pico - without.expected.pico, likely.pico);
        QCOMPARE(with.high.pico - without.high.pico, worst.pico);
        // The high bound holds: the run spends no more than it.
        auto run = bench.run(pool, {"learned"}, false);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        QVERIFY(run->spent.pico <= with.high.pico);
    }

    void budgetCapBelowTheEmbeddingsWorstCaseStopsBeforeSending() {
        Bench bench(generateDemoTasks(1, 1), baton::test::quietProfile());
        Pool pool = withRouter(demoPool(), "emb");
        ModelSpec* nano = nullptr;
        for (auto& m : pool.models)
            if (m.name == "sim/nano") nano = &m;
        saveEmbeddingRouter(bench, pool, *nano, "emb");
        // sim/nano's input now costs $2,000 per million tokens: one prompt's embedding may cost
        // more than the cap, while the cheapest answer (sim/mini's) fits under it.
        nano->priceOverride->prices.input = 2000.0;
        const int64_t before = bench.sim->requestsServed();
        auto run = bench.run(pool, {"learned"}, false, Money::fromUsd(0.01));
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        QCOMPARE(run->httpRequests, int64_t(0));
        QCOMPARE(bench.sim->requestsServed(), before); // nothing reached the simulator
        QCOMPARE(run->spent.pico, int64_t(0));
        QCOMPARE(run->completed, int64_t(0));
        QVERIFY(run->incomplete > 0);
        QVERIFY2(run->stopReason.find("budget cap") != std::string::npos, run->stopReason.c_str());
        QVERIFY(bench.calls(run->runId).empty());
    }

    void cancelledRunResumesWithoutPayingAnEmbeddingTwice() {
        SimProfile profile = baton::test::quietProfile();
        profile.timeScale = 0.1; // answers take a little time, so some jobs are in flight when cancelled
        Bench bench(generateDemoTasks(6, 10), profile);
        const Pool pool = withRouter(demoPool(), "emb");
        saveEmbeddingRouter(bench, pool, *pool.findModel("sim/nano"), "emb");
        std::stop_source stop;
        RunSettings settings;
        settings.strategies = {"learned"};
        settings.baselines = false;
        settings.useCache = false;
        int seen = 0;
        auto first = startRun(bench.inputs(), pool, bench.tasks, settings, bench.env(), stop.get_token(),
                              [&](const RunProgress&) {
                                  if (++seen == 10) stop.request_stop();
                              });
        QVERIFY2(first, first ? "" : first.error().describe().c_str());
        QCOMPARE(first->status, std::string("cancelled"));
        QVERIFY(first->completed < int64_t(bench.tasks.items.size()));

        auto resumed = resumeRun(bench.inputs(), first->runId, std::nullopt, bench.env(), {}, {});
        QVERIFY2(resumed, resumed ? "" : resumed.error().describe().c_str());
        QCOMPARE(resumed->status, std::string("completed"));
        auto calls = bench.calls(first->runId);
        // Every item's embedding was paid exactly once over both passes (a finished one is taken
        // from the interrupted pass's log and the cache, not sent again nor logged again)...
        std::map<std::string, int> paidEmbeddings;
        std::map<std::string, Money> okCost;
        int cancelledAnswers = 0; // items whose embedding finished before the cancel, their answer not
        for (const auto& c : calls)
            cancelledAnswers += c.role == CallRole::Answer && c.status == CallStatus::Cancelled;
        QVERIFY(cancelledAnswers > 0);
        for (const auto& c : calls) {
            QVERIFY(!(c.role == CallRole::Embed && c.cacheHit));
            if (c.status != CallStatus::Ok) continue;
            if (c.role == CallRole::Embed) ++paidEmbeddings[c.itemId];
            okCost[c.itemId] += c.cost.value();
        }
        QCOMPARE(paidEmbeddings.size(), bench.tasks.items.size());
        for (const auto& [item, n] : paidEmbeddings)
            QVERIFY2(n == 1, item.c_str());
        // ...and each outcome's cost is its embedding's plus its answer's.
        auto outcomes = loadOutcomes(*bench.freshReader(), first->runId).value();
        int64_t complete = 0;
        for (const auto& o : outcomes) {
            if (o.status != OutcomeStatus::Complete) continue;
            ++complete;
            QCOMPARE(o.cost.value().pico, okCost.at(o.itemId).pico);
        }
        QCOMPARE(complete, int64_t(bench.tasks.items.size()));
    }

    void vectorsFromAnotherEmbedderFailTheItemSayingSo() {
        Bench bench(generateDemoTasks(1, 5), baton::test::quietProfile()); // 30 items: 25 failing alike stop the run
        const Pool pool = withRouter(demoPool(), "emb");
        // Trained on sim/nano of another simulator (another profile): not the vectors served here.
        saveEmbeddingRouter(bench, pool, *pool.findModel("sim/nano"), "emb", "sim sim://elsewhere sim/nano");
        auto run = bench.run(pool, {"learned"}, false);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        QCOMPARE(run->completed, int64_t(0));
        QVERIFY(run->failed > 0);
        QVERIFY2(run->stopReason.find("router emb@1 was trained on embeddings from sim sim://elsewhere sim/nano, but "
                                      "model sim/nano here is sim sim://test sim/nano") != std::string::npos,
                 run->stopReason.c_str());
        // Refused before the embedding was paid for: nothing sent, logged or spent.
        QCOMPARE(run->httpRequests, int64_t(0));
        QVERIFY(bench.calls(run->runId).empty());
        QCOMPARE(run->spent.pico, int64_t(0));
    }

    void estimateCountsOnlyPromptsWithoutACachedVector() {
        Bench bench(generateDemoTasks(1, 2), baton::test::quietProfile());
        const Pool pool = withRouter(demoPool(), "emb");
        const ModelSpec& nano = *pool.findModel("sim/nano");
        saveEmbeddingRouter(bench, pool, nano, "emb");
        RunSettings settings;
        settings.strategies = {"learned"};
        settings.baselines = false;
        const PriceBook& prices = bench.inputs().prices;
        // Every other prompt already has sim/nano's vector in the workspace; the other half has
        // one from another embedder only, which the run would not use.
        std::vector<std::pair<std::string, std::vector<float>>> mine, theirs;
        for (size_t i = 0; i < bench.tasks.items.size(); ++i) {
            const std::string prompt = bench.tasks.items[i].prompt();
            (i % 2 ? theirs : mine).emplace_back(sha256Hex(prompt), hashedEmbedding(prompt, 256));
        }
        QVERIFY(bench.writer
                    ->submit([&](SqliteDb& db) -> Status {
                        if (auto ok = storeEmbeddings(db, embedderIdentity(nano, bench.env()), mine, 1); !ok) return ok;
                        return storeEmbeddings(db, "sim sim://elsewhere sim/nano", theirs, 1);
                    })
                    .get());
        RunEstimate without = estimateRun(pool, bench.tasks, settings, prices);
        RunEstimate with = estimateWithCache(*bench.freshReader(), pool, bench.tasks, settings, prices).value();
        const PriceEntry* price = resolvePrice(nano, prices);
        Money likely, worst;
        for (size_t i = 1; i < bench.tasks.items.size(); i += 2) {
            const std::string prompt = bench.tasks.items[i].prompt();
            likely += Money::perTokenFromPerMillion(*price->prices.input) * estimateTokens(prompt);
            worst += *embeddingWorstCase(*price, {prompt});
        }
        QVERIFY(likely.pico > 0);
        QCOMPARE(with.low.pico - without.low.pico, likely.pico);
        QCOMPARE(with.expected.pico - without.expected.pico, likely.pico);
        QCOMPARE(with.high.pico - without.high.pico, worst.pico);
        // The run makes exactly the embeddings requests counted.
        auto run = bench.run(pool, {"learned"}, false);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        size_t sent = 0;
        for (const auto& c : embedCalls(bench.calls(run->runId)))
            sent += c.cacheHit ? 0 : 1;
        QCOMPARE(sent, theirs.size());
        // Once every vector is cached, the estimate counts none.
        RunEstimate after = estimateWithEmbeddings(*bench.freshReader(), pool, bench.tasks, settings, prices).value();
        QCOMPARE(after.low.pico, without.low.pico);
        QCOMPARE(after.high.pico, without.high.pico);
    }

    void estimateLeavesTheEmbedderOutOfTheRoutersChoice() {
        Bench bench(generateDemoTasks(1, 2), baton::test::quietProfile());
        const Pool pool = withRouter(demoPool(), "emb");
        const ModelSpec& nano = *pool.findModel("sim/nano");
        // Trained on the pool's other models: sim/nano (the cheapest answer) only embeds.
        Pool others = demoPool();
        std::erase_if(others.models, [](const ModelSpec& m) { return m.name == "sim/nano"; });
        saveEmbeddingRouter(bench, others, nano, "emb");
        nlohmann::json routed = nlohmann::json::array();
        for (const auto& m : others.models)
            routed.push_back(m.name);
        Pool listed = pool;
        listed.strategies["learned"].settings["models"] = routed;
        RunSettings settings;
        settings.strategies = {"learned"};
        settings.baselines = false;
        const PriceBook& prices = bench.inputs().prices;
        RunEstimate answers = estimateRun(listed, bench.tasks, settings, prices); // its choice, stated
        RunEstimate with = estimateWithCache(*bench.freshReader(), pool, bench.tasks, settings, prices).value();
        const PriceEntry* price = resolvePrice(nano, prices);
        Money likely;
        for (const auto& item : bench.tasks.items)
            likely += Money::perTokenFromPerMillion(*price->prices.input) * estimateTokens(item.prompt());
        QVERIFY(estimateRun(pool, bench.tasks, settings, prices).low.pico < answers.low.pico); // nano answers cheaper
        QCOMPARE(with.low.pico - likely.pico, answers.low.pico);
        QCOMPARE(with.expected.pico - likely.pico, answers.expected.pico);
        // The run indeed never answers with it.
        auto run = bench.run(pool, {"learned"}, false);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        for (const auto& c : bench.calls(run->runId))
            if (c.role != CallRole::Embed) QVERIFY(c.model != "sim/nano");
    }

    void runCacheHoldsOnlyVectorsNotWrittenYet() {
        Bench bench(generateDemoTasks(1, 1), baton::test::quietProfile());
        CallLogger logger(*bench.writer);
        auto reader = bench.freshReader();
        RunEmbeddingCache cache(*reader, logger);
        for (int i = 0; i < 50; ++i)
            cache.store("e", "h" + std::to_string(i), {float(i), 1.f}, 1);
        QVERIFY(cache.held() <= 50);
        QVERIFY(logger.flush());
        // Written: the next use forgets them, and they are read from the workspace instead.
        auto v = cache.lookup("e", "h7");
        QCOMPARE(cache.held(), size_t(0));
        QVERIFY(v && *v == std::vector<float>({7.f, 1.f}));
        cache.store("e", "h50", {50.f, 1.f}, 1);
        QVERIFY(cache.lookup("e", "h50").has_value()); // held, or written by now
        QVERIFY(cache.held() <= 1);
    }

    void poolWithoutTheEmbedderIsRefusedNamingIt() {
        Bench bench(generateDemoTasks(1, 1), baton::test::quietProfile());
        ModelSpec embedder;
        embedder.name = "sim/embed";
        embedder.provider = ProviderKind::Sim;
        embedder.remoteModel = "sim/embed";
        Pool withEmbedder = demoPool();
        withEmbedder.models.push_back(embedder);
        withEmbedder.constraints.budgetPerRunUsd.reset(); // no cap: an unpriced model may run
        withEmbedder = withRouter(withEmbedder, "emb");
        saveEmbeddingRouter(bench, withEmbedder, withEmbedder.models.back(), "emb");

        auto refused = bench.run(withRouter(demoPool(), "emb"), {"learned"}, false);
        QVERIFY(!refused);
        QVERIFY2(refused.error().describe().find("routes on embeddings from model sim/embed") != std::string::npos &&
                     refused.error().describe().find("which the pool lacks; add sim/embed to the pool") !=
                         std::string::npos,
                 refused.error().describe().c_str());

        // With it the run goes; the router does not route to it (its "models" default leaves the
        // embedder out), and having no price its embeddings' cost is unknown, never 0.
        QVERIFY(!resolvePrice(withEmbedder.models.back(), bench.inputs().prices));
        auto run = bench.run(withEmbedder, {"learned"}, false);
        QVERIFY2(run, run ? "" : run.error().describe().c_str());
        const size_t items = bench.tasks.items.size();
        QCOMPARE(run->completed, int64_t(items));
        auto calls = bench.calls(run->runId);
        for (const auto& c : calls) {
            if (c.role == CallRole::Embed) {
                QCOMPARE(c.model, std::string("sim/embed"));
                QVERIFY(!c.cost && c.usage.input);
            } else {
                QVERIFY(c.model != "sim/embed" && c.cost);
            }
        }
        QCOMPARE(embedCalls(calls).size(), items);
        const auto outcomes = loadOutcomes(*bench.freshReader(), run->runId).value();
        QCOMPARE(outcomes.size(), items);
        for (const auto& o : outcomes)
            QVERIFY(!o.cost); // the job's cost includes an unknown one
    }
};

QTEST_GUILESS_MAIN(TestRouterEmbeddingRun)
#include "tst_router_embedding_run.moc"
