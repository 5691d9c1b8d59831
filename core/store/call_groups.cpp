// SPDX-License-Identifier: MIT
#include "store/call_groups.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>

namespace baton::core {
namespace {

/// Ordered as the words SQL stores (role and status by name); views into strings that outlive it.
using Key = std::tuple<std::string_view, std::string_view, std::string_view, std::string_view, bool, bool>;

Key keyOf(const std::string& strategy, CallRole role, CallStatus status, const std::string& finish, bool cacheHit,
          bool costKnown) {
    static const auto roles = [] {
        std::vector<std::string> names;
        for (int r = 0; r <= int(CallRole::Embed); ++r)
            names.push_back(toString(CallRole(r)));
        return names;
    }();
    static const auto statuses = [] {
        std::vector<std::string> names;
        for (int s = 0; s <= int(CallStatus::Cancelled); ++s)
            names.push_back(toString(CallStatus(s)));
        return names;
    }();
    return {strategy, roles[size_t(role)], statuses[size_t(status)], finish, cacheHit, costKnown};
}

Key keyOf(const CallGroup& g) {
    return keyOf(g.strategy, g.role, g.status, g.finishReason, g.cacheHit, g.costKnown);
}

} // namespace

std::vector<CallGroup> groupCalls(const std::vector<Call>& calls) {
    std::map<Key, CallGroup> groups; // keys view the calls' strings
    for (const Call& c : calls) {
        Key key = keyOf(c.strategy, c.role, c.status, c.finishReason, c.cacheHit, c.cost.has_value());
        auto found = groups.find(key);
        if (found == groups.end()) {
            CallGroup g;
            g.strategy = c.strategy, g.role = c.role, g.status = c.status, g.finishReason = c.finishReason;
            g.cacheHit = c.cacheHit, g.costKnown = c.cost.has_value();
            found = groups.emplace(key, std::move(g)).first;
        }
        CallGroup& g = found->second;
        ++g.calls;
        if (c.cost) g.cost += *c.cost;
        for (const auto& t : {c.usage.input, c.usage.cachedInput, c.usage.cacheWrite, c.usage.output, c.usage.reasoning})
            g.tokens += t.value_or(0);
    }
    std::vector<CallGroup> out;
    for (auto& [key, g] : groups)
        out.push_back(std::move(g));
    return out;
}

Result<std::vector<CallGroup>> loadCallGroups(SqliteDb& db, int64_t runId) {
    // call_totals is kept by a trigger as calls are logged (schema v11): a few rows per run.
    auto stmt = db.prepare("SELECT strategy, role, status, finish_reason, cache_hit, cost_known, calls, cost_pico, tokens "
                           "FROM call_totals WHERE run_id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId);
    std::vector<CallGroup> out;
    Result<bool> row;
    while ((row = stmt->step()) && *row) {
        CallGroup g;
        g.strategy = stmt->columnText(0);
        g.role = callRoleFromString(stmt->columnText(1)).value_or(CallRole::Answer);
        g.status = callStatusFromString(stmt->columnText(2)).value_or(CallStatus::Error);
        g.finishReason = stmt->columnText(3);
        g.cacheHit = stmt->columnInt(4) != 0;
        g.costKnown = stmt->columnInt(5) != 0;
        g.calls = stmt->columnInt(6);
        g.cost = Money{stmt->columnInt(7)};
        g.tokens = stmt->columnInt(8);
        out.push_back(std::move(g));
    }
    if (!row) return std::unexpected(row.error());
    // The order of groupCalls (SQLite's GROUP BY order is its own business).
    std::sort(out.begin(), out.end(), [](const CallGroup& a, const CallGroup& b) { return keyOf(a) < keyOf(b); });
    return out;
}

} // namespace baton::core
