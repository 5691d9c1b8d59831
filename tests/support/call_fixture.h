// SPDX-License-Identifier: MIT
#pragma once
// Logged calls for tests: one of a single-model strategy, distinct per n (store tests), and the
// calls of one cascade item (routing tree, graph and Inspector tests).

#include "model/call.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::test {

inline core::Call makeCall(int64_t runId, int n) {
    core::Call c;
    c.runId = runId;
    c.itemId = "item-" + std::to_string(n);
    c.strategy = "single";
    c.nodeId = "0";
    c.model = "m";
    c.status = core::CallStatus::Ok;
    c.cost = core::Money{1000 + n};
    return c;
}

/// A call of the cascade's item q1: the judge on sim/judge, the others on sim/cheap; `usd`
/// nullopt is an unknown cost.
inline core::Call cascadeCall(const char* node, const char* parent, core::CallRole role, core::CallStatus status,
                              std::optional<double> usd, int attempt = 1) {
    core::Call c;
    c.itemId = "q1", c.strategy = "cascade", c.nodeId = node, c.parentNodeId = parent, c.role = role;
    c.status = status, c.attempt = attempt, c.model = role == core::CallRole::Judge ? "sim/judge" : "sim/cheap";
    if (usd) c.cost = core::Money::fromUsd(*usd);
    return c;
}

/// The cascade as logged: cheap answer (0), judged (0.j), escalated to a second answer (1) after a
/// failed first attempt, and a route call that failed for good (r).
inline std::vector<core::Call> loggedCascade() {
    using core::CallRole, core::CallStatus;
    return {cascadeCall("0", "", CallRole::Answer, CallStatus::Ok, 0.001),
            cascadeCall("0.j", "0", CallRole::Judge, CallStatus::Ok, 0.002),
            cascadeCall("1", "0.j", CallRole::Answer, CallStatus::Error, 0.003, 1),
            cascadeCall("1", "0.j", CallRole::Answer, CallStatus::Ok, 0.004, 2),
            cascadeCall("r", "", CallRole::Route, CallStatus::Error, std::nullopt)};
}

} // namespace baton::test
