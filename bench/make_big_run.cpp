// SPDX-License-Identifier: MIT
// Writes a workspace holding one completed run of about N logged calls (default 1,000,000) with
// the records a real run of the demo pool writes: the task set and its items, the run (pool and
// price snapshots, settings), every call of every job with its request and response texts, costs
// (a few unknown: a timeout after the request was sent, retried), latencies, routing nodes and
// reasons, and each job's outcome with its graded answer. Everything goes through the store's own
// API (saveTaskSet, insertRun, putCallText, insertCall, insertOutcome on the StoreWriter), so
// `baton-cli runs`, `report` and the GUI read it like any run. Seeded: the same N, the same run.
//
//   bench_make_big_run DB [--calls N] [--seed S]
//
// The jobs are the demo's: every item answered by the six baselines and the four strategies of
// resources/demo/pool.json (by-category, nearest, cheap-first, mixture), about 15 calls per item,
// so N calls take about N / 15 items. Prints one JSON line: run id, items, jobs, calls, seconds.

#include "model/call.h"
#include "model/money.h"
#include "model/run.h"
#include "pools/pool_file.h"
#include "pricing/price_book.h"
#include "pricing/price_resolution.h"
#include "run/run_settings.h"
#include "sim/demo_tasks.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/store_writer.h"
#include "store/task_set_store.h"
#include "store/call_texts.h"
#include "store/workspace.h"
#include "util/clock.h"
#include "util/resources.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace baton::core;

namespace {

constexpr double kCallsPerItem = 15.15; // 6 baselines + by-category + nearest + cheap-first ~3.1 + mixture 4, retries

struct ModelFacts {
    double inPerToken = 0, outPerToken = 0; ///< pico per token
    double skill = 0;                       ///< P(right answer)
    double msPerToken = 0;                  ///< decode speed
};

const std::map<std::string, double> kSkill = {{"sim/nano", 0.50},  {"sim/mini", 0.70}, {"sim/flash", 0.72},
                                              {"sim/coder", 0.76}, {"sim/pro", 0.94},  {"sim/frontier", 0.97}};

const char* const kFiller[] = {"Let me work through this step by step.",
                               "First, I identify the quantities that matter.",
                               "Some details are distractions and can be ignored.",
                               "I will double-check the intermediate result before concluding.",
                               "There is one more detail worth verifying.",
                               "It helps to restate the problem in simpler terms.",
                               "Combining these pieces gives a single value.",
                               "A quick sanity check confirms the order of magnitude.",
                               "With that settled, the conclusion follows.",
                               "Next, I check each part of the question against the given information."};

std::string jsonEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out;
}

/// The canonical request text a run logs: endpoint line, then the request body.
std::string requestText(const std::string& model, const std::string& content) {
    return "sim://b1gb1gb1gb1gb1g/chat/completions\n{\"max_tokens\":1024,\"messages\":[{\"content\":\"" +
           jsonEscape(content) + "\",\"role\":\"user\"}],\"model\":\"" + model + "\",\"seed\":0}";
}

class Generator {
public:
    Generator(const Pool& pool, const PriceBook& prices, uint64_t seed) : m_rng(seed) {
        for (const auto& m : pool.models) {
            ModelFacts f;
            if (const PriceEntry* e = resolvePrice(m, prices)) {
                f.inPerToken = e->prices.input.value_or(0) * 1e6;
                f.outPerToken = e->prices.output.value_or(0) * 1e6;
            }
            f.skill = kSkill.count(m.name) ? kSkill.at(m.name) : 0.7;
            f.msPerToken = 0.1 + f.outPerToken / 2e7;
            m_models[m.name] = f;
        }
    }

    struct Job {
        std::vector<Call> calls;
        std::vector<std::string> requests, responses; ///< per call ("" = none)
        Outcome outcome;
    };

    Job job(int64_t runId, const TaskItem& item, const std::string& reference, const std::string& strategy,
            int64_t& clockMs) {
        Job j;
        j.outcome.runId = runId;
        j.outcome.itemId = item.id;
        j.outcome.strategy = strategy;
        m_job = &j;
        m_item = &item;
        m_reference = &reference;
        m_strategy = strategy;
        m_clock = &clockMs;
        m_latency = 0;
        m_unknown = false;
        m_runId = runId;
        bool right = false;
        std::string answer;
        if (m_models.count(strategy)) {
            right = answerCall("0", "", CallRole::Answer, strategy, "single model: " + strategy, answer);
        } else if (strategy == "by-category") {
            std::string model = "sim/flash", why = "no rule matched: default -> sim/flash";
            if (item.category == "code-output") model = "sim/coder", why = "rule 1: category == code-output -> sim/coder";
            if (item.category == "long-context") model = "sim/flash", why = "rule 2: category == long-context -> sim/flash";
            if (item.category == "word-problem") model = "sim/pro", why = "rule 3: category == word-problem -> sim/pro";
            if (item.category == "arithmetic") model = "sim/coder", why = "rule 4: category == arithmetic -> sim/coder";
            right = answerCall("0", "", CallRole::Answer, model, why, answer);
        } else if (strategy == "nearest") {
            bool pro = uniform() < 0.6;
            std::string model = pro ? "sim/pro" : "sim/coder";
            double grade = pro ? 0.9 + 0.1 * uniform() : 0.7 + 0.2 * uniform();
            double score = grade - 20 * (pro ? 0.0022 : 0.0004);
            char why[200];
            std::snprintf(why, sizeof why,
                          "10 nearest labelled items: expected grade %.2f, expected cost $%.6f, score %.3f (lambda 20) -> %s",
                          grade, pro ? 0.0022 : 0.0004, score, model.c_str());
            right = answerCall("0", "", CallRole::Answer, model, why, answer, Reason{why, score, std::nullopt});
        } else if (strategy == "cheap-first") {
            const char* chain[] = {"sim/mini", "sim/flash", "sim/pro"};
            const double thresholds[] = {0.8, 0.75};
            for (int stage = 0; stage < 3; ++stage) {
                std::string node = std::to_string(stage), parent = stage ? std::to_string(stage - 1) : "";
                std::string why = stage ? "escalated from stage " + std::to_string(stage) : "first stage";
                size_t at = j.calls.size();
                right = answerCall(node, parent, CallRole::Answer, chain[stage], why, answer);
                if (stage == 2) {
                    if (stage) j.calls[at].reason = Reason{"escalated from stage 1", std::nullopt, std::nullopt};
                    break;
                }
                double p = right ? 0.75 + 0.25 * uniform() : 0.3 + 0.5 * uniform();
                char verdict[96];
                std::snprintf(verdict, sizeof verdict, "{\"correct\": %s, \"confidence\": %.2f}", right ? "true" : "false", p);
                std::string judged = "### baton-role: judge v1\nYou are grading another model's answer to a question. "
                                     "Decide whether the answer is correct.\n\n<question>\n" +
                                     item.prompt() + "\n</question>\n\n<answer>\n" + answer +
                                     "\n</answer>\n\nReply with only a JSON object of the form {\"correct\": true or "
                                     "false, \"confidence\": a number from 0 to 1}.\n";
                call(node + ".s", node, CallRole::Judge, "sim/flash",
                     Reason{"judge stage " + std::to_string(stage) + " with sim/flash", std::nullopt, std::nullopt},
                     requestText("sim/flash", judged), verdict, 16);
                bool accept = p >= thresholds[stage];
                char decided[96];
                std::snprintf(decided, sizeof decided, "judge says P(correct) = %.2f: %s", p, accept ? "accepted" : "escalating");
                j.calls[at].reason = Reason{decided, p, thresholds[stage]};
                if (accept) break;
            }
        } else if (strategy == "mixture") {
            const char* proposers[] = {"sim/nano", "sim/mini", "sim/flash"};
            std::string candidates;
            int64_t start = clockMs;
            double slowest = 0;
            for (int k = 0; k < 3; ++k) { // in parallel: they start together
                clockMs = start;
                double before = m_latency;
                std::string text;
                answerCall("1." + std::to_string(k), "agg", CallRole::Propose, proposers[k], "layer 1 proposer", text);
                slowest = std::max(slowest, m_latency - before);
                m_latency = before;
                candidates += "<candidate id=\"" + std::to_string(k + 1) + "\">\n" + text + "\n</candidate>\n";
            }
            m_latency += slowest;
            clockMs = start + int64_t(slowest);
            std::string prompt = "### baton-role: aggregate v1\nYou have been given responses from several models to "
                                 "the question below. Synthesize them into a single, high-quality answer. Evaluate "
                                 "them critically: some may be wrong, and the majority is not always right.\n\n"
                                 "<question>\n" +
                                 item.prompt() + "\n</question>\n\n<candidates>\n" + candidates +
                                 "</candidates>\n\nEnd your reply with a line of the form: The answer is <answer>.\n";
            right = answerCall("agg", "", CallRole::Aggregate, "sim/pro", "aggregator synthesizes 3 answers", answer,
                               std::nullopt, prompt);
        }
        j.outcome.answer = answer;
        j.outcome.grade = right ? 1.0 : 0.0;
        j.outcome.latencyMs = m_latency;
        j.outcome.callCount = int(j.calls.size());
        if (!m_unknown) j.outcome.cost = m_cost;
        m_cost = Money{0};
        return j;
    }

private:
    double uniform() { return std::uniform_real_distribution<double>(0, 1)(m_rng); }
    int uniformInt(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }

    std::string reply(bool right) {
        std::string text;
        int n = uniformInt(3, 14);
        for (int k = 0; k < n; ++k)
            text += std::string(kFiller[uniformInt(0, 9)]) + " ";
        std::string wrong = *m_reference + "1";
        text += "The answer is " + (right ? *m_reference : wrong) + ".";
        return text;
    }

    /// One answering node: sometimes a 429 first (retried), rarely a timeout after sending (cost
    /// unknown, retried), then the answer. Returns whether it is right; `answer` gets its text.
    bool answerCall(const std::string& node, const std::string& parent, CallRole role, const std::string& model,
                    const std::string& why, std::string& answer, std::optional<Reason> reason = std::nullopt,
                    const std::string& prompt = "") {
        Reason r = reason.value_or(Reason{why, std::nullopt, std::nullopt});
        std::string request = requestText(model, prompt.empty() ? m_item->prompt() : prompt);
        int attempt = 1;
        double u = uniform();
        if (u < 0.01) { // rate limited: nothing billed
            Call c = base(node, parent, role, model, r, attempt++);
            c.status = CallStatus::Error;
            c.error = "HTTP 429: Rate limit reached (simulated). Please retry.";
            c.httpStatus = 429;
            c.cost = Money{0};
            finish(c, 5 + 20 * uniform());
            push(std::move(c), request, "{\"error\":{\"message\":\"Rate limit reached (simulated). Please retry.\"}}");
        } else if (u < 0.012) { // sent, no answer: the provider may bill it, the cost is unknown
            Call c = base(node, parent, role, model, r, attempt++);
            c.status = CallStatus::Error;
            c.error = "timeout: no response within 60 s after the request was sent (the provider may bill it)";
            c.maybeBilled = true;
            finish(c, 60000);
            m_unknown = true;
            push(std::move(c), request, "");
        }
        bool right = uniform() < m_models[model].skill;
        answer = reply(right);
        call(node, parent, role, model, r, request, answer, int(answer.size() / 4), attempt);
        return right;
    }

    void call(const std::string& node, const std::string& parent, CallRole role, const std::string& model,
              const Reason& reason, const std::string& request, const std::string& response, int outTokens,
              int attempt = 1) {
        const ModelFacts& f = m_models[model];
        Call c = base(node, parent, role, model, reason, attempt);
        c.status = CallStatus::Ok;
        c.httpStatus = 200;
        c.finishReason = "stop";
        int64_t in = int64_t(request.size() / 4);
        c.usage = TokenUsage::fromOpenAi(in, 0, outTokens, 0);
        c.cost = Money{int64_t(std::llround(double(in) * f.inPerToken + double(outTokens) * f.outPerToken))};
        double ms = 8 + 30 * uniform() + f.msPerToken * outTokens;
        c.ttftMs = ms * 0.3;
        finish(c, ms);
        m_cost = m_cost + *c.cost;
        push(std::move(c), request, response);
    }

    Call base(const std::string& node, const std::string& parent, CallRole role, const std::string& model,
              const Reason& reason, int attempt) {
        Call c;
        c.runId = m_runId;
        c.itemId = m_item->id;
        c.strategy = m_strategy;
        c.nodeId = node;
        c.parentNodeId = parent;
        c.role = role;
        c.model = model;
        c.reason = reason;
        c.attempt = attempt;
        return c;
    }

    void finish(Call& c, double ms) {
        c.latencyMs = ms;
        c.startedAtMs = *m_clock;
        *m_clock += int64_t(std::ceil(ms));
        c.finishedAtMs = *m_clock;
        m_latency += ms;
    }

    void push(Call c, std::string request, std::string response) {
        m_job->calls.push_back(std::move(c));
        m_job->requests.push_back(std::move(request));
        m_job->responses.push_back(std::move(response));
    }

    std::mt19937_64 m_rng;
    std::map<std::string, ModelFacts> m_models;
    Job* m_job = nullptr;
    const TaskItem* m_item = nullptr;
    const std::string* m_reference = nullptr;
    std::string m_strategy;
    int64_t* m_clock = nullptr;
    double m_latency = 0;
    bool m_unknown = false;
    Money m_cost{0};
    int64_t m_runId = 0;
};

Status writeJob(SqliteDb& db, Generator::Job& job) {
    for (size_t k = 0; k < job.calls.size(); ++k) {
        Call& c = job.calls[k];
        auto rq = putCallText(db, job.requests[k]);
        if (!rq) return std::unexpected(rq.error());
        c.requestHash = *rq;
        if (!job.responses[k].empty()) {
            auto rs = putCallText(db, job.responses[k]);
            if (!rs) return std::unexpected(rs.error());
            c.responseHash = *rs;
        }
        if (auto s = insertCall(db, c); !s) return s;
    }
    return insertOutcome(db, job.outcome);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') {
        std::fprintf(stderr, "usage: %s DB [--calls N] [--seed S]\n"
                             "Writes one completed demo-pool run of about N calls (default 1000000) into DB.\n",
                     argv[0]);
        return 2;
    }
    std::string path = argv[1];
    long long calls = 1000000;
    uint64_t seed = 1;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--calls")) calls = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seed")) seed = std::strtoull(argv[i + 1], nullptr, 10);
        else return std::fprintf(stderr, "unknown option %s\n", argv[i]), 2;
    }
    if ((argc - 2) % 2 != 0 || calls < 16) {
        std::fprintf(stderr, "%s: --calls needs a number of at least 16, options come in pairs\n", argv[0]);
        return 2;
    }
    auto wall0 = std::chrono::steady_clock::now();
    auto loaded = parsePool(std::string(embeddedResource("demo/pool.json").value_or("")), "demo pool");
    if (!loaded) return std::fprintf(stderr, "%s\n", loaded.error().describe().c_str()), 1;
    const Pool& pool = loaded->pool;
    const int perCategory = std::max(1, int(std::ceil(double(calls) / kCallsPerItem / 6)));
    TaskSet tasks = generateDemoTasks(seed, perCategory);
    tasks.name = "big-run";

    auto ws = Workspace::open(path);
    if (!ws) return std::fprintf(stderr, "%s\n", ws.error().describe().c_str()), 1;
    StoreWriter writer(ws->takeWriter());
    if (auto s = writer
                     .submit([&](SqliteDb& db) -> Status {
                         auto saved = saveTaskSet(db, tasks, "bench_make_big_run", nowMs());
                         return saved ? Status{} : std::unexpected(saved.error());
                     })
                     .get();
        !s)
        return std::fprintf(stderr, "%s\n", s.error().describe().c_str()), 1;

    PriceBook prices; // the demo pool prices every model inline
    RunSettings settings;
    settings.strategies = {"by-category", "nearest", "cheap-first", "mixture"};
    settings.concurrency = 64;
    settings.useCache = false;
    settings.seed = seed;
    settings.maxCost = Money::fromUsd(10000); // as if run with --max-cost 10000: the demo's $10 would stop it
    Run run;
    run.createdAtMs = nowMs();
    run.status = RunStatus::Running;
    run.poolSnapshot = poolToJson(pool);
    for (const auto& m : pool.models)
        if (const PriceEntry* e = resolvePrice(m, prices)) run.priceBookSnapshot[m.name] = toJson(*e);
    run.taskSetHash = tasks.contentHash();
    for (const auto& m : pool.models) // baselines first, as a run lists them
        run.strategies.push_back(m.name);
    run.strategies.insert(run.strategies.end(), settings.strategies.begin(), settings.strategies.end());
    run.seed = seed;
    run.settings = settings.toJson();
    auto runId = insertRun(writer, run);
    if (!runId) return std::fprintf(stderr, "%s\n", runId.error().describe().c_str()), 1;

    Generator gen(pool, prices, seed);
    int64_t clock = run.createdAtMs;
    long long written = 0, jobs = 0;
    std::deque<std::future<Status>> pending;
    long failed = 0;
    for (const auto& item : tasks.items) {
        const std::string reference = item.references.empty() ? "" : item.references.front();
        for (const auto& strategy : run.strategies) {
            int64_t jobClock = clock;
            auto job = gen.job(*runId, item, reference, strategy, jobClock);
            written += int64_t(job.calls.size());
            ++jobs;
            pending.push_back(writer.submit([job = std::move(job)](SqliteDb& db) mutable { return writeJob(db, job); }));
            while (pending.size() > 2048) {
                if (auto s = pending.front().get(); !s && failed++ == 0)
                    std::fprintf(stderr, "%s\n", s.error().describe().c_str());
                pending.pop_front();
            }
        }
        clock += 40; // items start one after another, their jobs side by side
    }
    for (auto& f : pending)
        if (auto s = f.get(); !s && failed++ == 0) std::fprintf(stderr, "%s\n", s.error().describe().c_str());
    (void)writer.submit([id = *runId](SqliteDb& db) { return updateRunStatus(db, id, RunStatus::Completed); }).get();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    std::printf("{\"run\": %lld, \"items\": %zu, \"jobs\": %lld, \"calls\": %lld, \"failed\": %ld, \"wall_s\": %.2f}\n",
                (long long)*runId, tasks.items.size(), jobs, written, failed, wall);
    return failed == 0 ? 0 : 1;
}
