// SPDX-License-Identifier: MIT
#include "eval/call_timeline.h"

#include <algorithm>

namespace baton::core {

CallTimeline callTimeline(const std::vector<Call>& calls) {
    CallTimeline t;
    if (calls.empty()) return t;
    int64_t origin = std::min_element(calls.begin(), calls.end(), [](const Call& a, const Call& b) {
                         return a.startedAtMs < b.startedAtMs;
                     })->startedAtMs;
    for (const Call& c : calls) {
        TimelineBar bar;
        bar.call = c;
        bar.startMs = double(c.startedAtMs - origin);
        double wall = double(std::max<int64_t>(0, c.finishedAtMs - c.startedAtMs));
        // The logged latency is the finer measure; a cached call's is the first call's, not this one's.
        double took = c.cacheHit || !c.latencyMs ? wall : *c.latencyMs;
        bar.endMs = bar.startMs + took;
        if (c.ttftMs && !c.cacheHit) bar.firstByteMs = bar.startMs + std::min(*c.ttftMs, took);
        t.bars.push_back(std::move(bar));
    }
    std::stable_sort(t.bars.begin(), t.bars.end(),
                     [](const TimelineBar& a, const TimelineBar& b) { return a.startMs < b.startMs; });
    for (auto& a : t.bars) {
        int inFlightAtStart = 0;
        for (const auto& b : t.bars) {
            if (&a == &b) continue;
            if (b.startMs < a.endMs && a.startMs < b.endMs) ++a.overlapping;
            if (b.startMs <= a.startMs && a.startMs < b.endMs) ++inFlightAtStart;
        }
        t.maxParallel = std::max(t.maxParallel, inFlightAtStart + 1);
        t.spanMs = std::max(t.spanMs, a.endMs);
    }
    return t;
}

} // namespace baton::core
