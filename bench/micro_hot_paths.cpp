// SPDX-License-Identifier: MIT
// Micro-benchmarks (Google Benchmark) of the per-call hot paths: SSE parsing and stream decoding,
// whole-response parsing, grading and cost, and the simulator's lookup of the item a text quotes.
// Run by bench/run_all.sh; CI runs them once, tiny.

#include "eval/grader.h"
#include "net/sse_parser.h"
#include "pricing/cost.h"
#include "pricing/price_book.h"
#include "providers/provider_adapter.h"
#include "sim/demo_tasks.h"
#include "sim/item_index.h"

#include <benchmark/benchmark.h>
#include <map>

using namespace baton::core;

namespace {

/// An OpenAI-style stream of `chunks` content deltas, then usage and [DONE].
std::string openAiStream(int chunks) {
    std::string s;
    for (int i = 0; i < chunks; ++i)
        s += R"(data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"tok )" +
             std::to_string(i) + R"( "}}]})" + "\n\n";
    s += R"(data: {"id":"c1","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":)" +
         std::to_string(chunks) + "}}\n\ndata: [DONE]\n\n";
    return s;
}

const std::string kResponse =
    R"({"id":"chatcmpl-1","object":"chat.completion","created":1764000000,"model":"sim/mini","choices":[{"index":0,)"
    R"("message":{"role":"assistant","content":"Let me work it out: 497 x 25 = 12425.\n\nThe answer is 12425."},)"
    R"("finish_reason":"stop"}],"usage":{"prompt_tokens":30,"completion_tokens":254,"total_tokens":284,)"
    R"("prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}})";

void sseParse(benchmark::State& state) {
    std::string stream = openAiStream(int(state.range(0)));
    for (auto _ : state) {
        SseParser parser;
        std::vector<SseEvent> events;
        // Network-sized pieces: the parser must carry partial lines across feeds.
        for (size_t at = 0; at < stream.size(); at += 1400)
            parser.feed(std::string_view(stream).substr(at, 1400), events);
        benchmark::DoNotOptimize(events.data());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(stream.size()));
}
BENCHMARK(sseParse)->Arg(16)->Arg(256);

void streamDecode(benchmark::State& state) {
    std::string stream = openAiStream(int(state.range(0)));
    const ProviderAdapter& adapter = adapterFor(ProviderKind::OpenAi);
    for (auto _ : state) {
        SseParser parser;
        std::vector<SseEvent> events;
        parser.feed(stream, events);
        auto decoder = adapter.streamDecoder();
        for (const auto& e : events)
            benchmark::DoNotOptimize(decoder->onEvent(e));
        benchmark::DoNotOptimize(decoder->reply().text.size());
    }
}
BENCHMARK(streamDecode)->Arg(16)->Arg(256);

void responseParse(benchmark::State& state) {
    const ProviderAdapter& adapter = adapterFor(ProviderKind::OpenAi);
    for (auto _ : state)
        benchmark::DoNotOptimize(adapter.parseResponse(kResponse));
}
BENCHMARK(responseParse);

void grading(benchmark::State& state) {
    GraderSpec spec;
    spec.kind = GraderKind(state.range(0));
    std::string answer = "Let me work it out: 497 x 25 = 12,425.\n\nThe answer is (B) 12425.";
    std::vector<std::string> references = {spec.kind == GraderKind::Choice ? "B" : "12425"};
    if (spec.kind == GraderKind::Regex) spec.pattern = R"(answer is \(?[A-D]?\)?\s*([0-9,]+))";
    for (auto _ : state)
        benchmark::DoNotOptimize(grade(spec, answer, references));
    state.SetLabel(toString(spec.kind));
}
BENCHMARK(grading)
    ->Arg(int(GraderKind::Exact))
    ->Arg(int(GraderKind::Normalized))
    ->Arg(int(GraderKind::Choice))
    ->Arg(int(GraderKind::Numeric))
    ->Arg(int(GraderKind::Regex))
    ->Arg(int(GraderKind::Contains));

/// A numeric grade of a reply as long as the simulator's (~630 characters, the marker at the end).
void gradingLongReply(benchmark::State& state) {
    GraderSpec spec;
    spec.kind = GraderKind::Numeric;
    std::string answer;
    while (answer.size() < 600)
        answer += "Let me work through this step by step. There is one more detail worth verifying. ";
    answer += "The answer is 12425.";
    std::vector<std::string> references = {"12425"};
    for (auto _ : state)
        benchmark::DoNotOptimize(grade(spec, answer, references));
}
BENCHMARK(gradingLongReply);

void cost(benchmark::State& state) {
    const PriceEntry* price = PriceBook::bundled().find("openai/gpt-4o-mini");
    if (!price) return state.SkipWithError("no openai/gpt-4o-mini in the bundled price book");
    TokenUsage usage = TokenUsage::fromOpenAi(1200, 200, 300, 40);
    for (auto _ : state)
        benchmark::DoNotOptimize(computeCost(*price, usage));
}
BENCHMARK(cost);

/// The demo items, `perCategory` of each of the six categories, made once per size.
std::shared_ptr<const TaskSet> demoItems(int perCategory) {
    static std::map<int, std::shared_ptr<const TaskSet>> made;
    auto& set = made[perCategory];
    if (!set) set = std::make_shared<const TaskSet>(generateDemoTasks(1, perCategory));
    return set;
}

/// Texts that are no item's prompt, as the simulator gets them: a role prompt quoting an item,
/// and a prompt of no item (a coordinator's sub-task, an item the simulator was not given).
std::vector<std::string> textsNotPrompts(const TaskSet& set) {
    return {"You are one of several assistants. The question:\n\n" + set.items[set.items.size() / 2].prompt() +
                "\n\nCandidate answers: (1) 12 (2) 13. Give the best one.",
            "Sub-task 2 of 3: list the quantities the question gives, one per line, without solving it."};
}

/// The index's lookup (hashes of the text's windows), against the items' count.
void itemLookupIndexed(benchmark::State& state) {
    auto set = demoItems(int(state.range(0)));
    ItemIndex index(set);
    auto texts = textsNotPrompts(*set);
    for (auto _ : state)
        for (const auto& text : texts) benchmark::DoNotOptimize(index.find(text));
    state.SetLabel(std::to_string(set->items.size()) + " items, 2 texts");
}
BENCHMARK(itemLookupIndexed)->Arg(100)->Arg(15000)->Unit(benchmark::kMicrosecond);

/// The baseline: what the lookup was before the index, a scan of every prompt for each text.
void itemLookupScanned(benchmark::State& state) {
    auto set = demoItems(int(state.range(0)));
    auto texts = textsNotPrompts(*set);
    for (auto _ : state)
        for (const auto& text : texts) {
            const TaskItem* best = nullptr;
            for (const auto& item : set->items) {
                std::string_view p = trimmedView(item.prompt());
                if (!p.empty() && text.find(p) != std::string::npos && (!best || item.prompt().size() > best->prompt().size()))
                    best = &item;
            }
            benchmark::DoNotOptimize(best);
        }
    state.SetLabel(std::to_string(set->items.size()) + " items, 2 texts");
}
BENCHMARK(itemLookupScanned)->Arg(100)->Arg(15000)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
