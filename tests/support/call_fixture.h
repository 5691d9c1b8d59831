// SPDX-License-Identifier: MIT
#pragma once
// A logged call of a single-model strategy, distinct per n, for store tests.

#include "model/call.h"

#include <string>

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

} // namespace baton::test
