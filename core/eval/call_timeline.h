// SPDX-License-Identifier: MIT
#pragma once
/// CallTimeline: one item's calls as a waterfall, from the decision log's times: each call's
/// start, first byte (when the answer streamed) and end, in ms from the item's first call, one
/// row per call in order of start (calls that overlap in time ran in parallel and show side by
/// side). A call answered from the cache took its real (near-zero) time here, not the latency
/// recorded when its answer was first made. Pure.

#include "model/call.h"

#include <optional>
#include <vector>

namespace baton::core {

struct TimelineBar {
    Call call;
    double startMs = 0;                  ///< from the item's first call
    std::optional<double> firstByteMs;   ///< from the item's first call; nullopt when not measured
    double endMs = 0;
    int overlapping = 0;                 ///< other calls running at some time during this one
};

struct CallTimeline {
    std::vector<TimelineBar> bars; ///< one per call (every attempt), ordered by start
    double spanMs = 0;             ///< first start to last end
    int maxParallel = 0;           ///< most calls in flight at once
};

CallTimeline callTimeline(const std::vector<Call>& calls);

} // namespace baton::core
