// SPDX-License-Identifier: MIT
#pragma once
/// Call: one attempt at one model request, the unit of the decision log. Every attempt is a Call,
/// including retries, judges and coordinator overhead, so that cost totals are complete.

#include "model/money.h"
#include "model/token_usage.h"

#include <optional>
#include <string>

namespace baton::core {

enum class CallRole { Answer, Route, Plan, Propose, Aggregate, Judge, Verify, Synthesize, Embed };
enum class CallStatus { Pending, Ok, Error, Cancelled };

std::string toString(CallRole role);
std::optional<CallRole> callRoleFromString(const std::string& text);
std::string toString(CallStatus status);
std::optional<CallStatus> callStatusFromString(const std::string& text);

/// Why a node exists: free text plus the figure and threshold that decided, when there were any.
struct Reason {
    std::string text;
    std::optional<double> score;
    std::optional<double> threshold;
    bool operator==(const Reason&) const = default;
};

struct Call {
    int64_t runId = 0;
    std::string itemId;
    std::string strategy;
    std::string nodeId;
    std::string parentNodeId; ///< "" for a root
    CallRole role = CallRole::Answer;
    std::string model;
    Reason reason;
    std::string requestHash;  ///< content address of the canonical request text
    std::string responseHash; ///< content address of the response text ("" if none)
    CallStatus status = CallStatus::Pending;
    std::string error;
    std::string finishReason; ///< the provider's own words (stop, length, MAX_TOKENS, blocked:SAFETY...)
    int attempt = 1;
    std::optional<int> httpStatus;
    TokenUsage usage;
    std::optional<Money> cost;       ///< effective cost; nullopt = unknown, never 0 for unknown
    std::optional<Money> billedCost; ///< as the provider reported it
    bool costEstimated = false;      ///< computed from a token estimate, not reported usage
    bool maybeBilled = false;        ///< failed after the request was sent: the provider may bill it
    bool cacheHit = false;           ///< answered from the response cache: nothing sent, nothing spent
    std::optional<double> ttftMs;
    std::optional<double> latencyMs;
    int64_t startedAtMs = 0; ///< Unix epoch milliseconds
    int64_t finishedAtMs = 0;

    bool operator==(const Call&) const = default;
};

void to_json(nlohmann::json& j, const Call& c);
void from_json(const nlohmann::json& j, Call& c);

} // namespace baton::core
