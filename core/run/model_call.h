// SPDX-License-Identifier: MIT
#pragma once
/// One model call as a strategy asks it (CallRequest) and as it comes back (ModelCallResult):
/// the answer, or why there is none (CallError), with its tokens, cost and attempts.

#include "model/call.h"
#include "model/pool.h"
#include "providers/provider_adapter.h"

#include <optional>
#include <string>
#include <vector>

namespace baton::core {

enum class CallError { None, Budget, CallCap, Cancelled, MissingKey, NoPrice, Http, Transport, Malformed, Provider };
std::string toString(CallError error);

struct CallRequest {
    const ModelSpec* model = nullptr;
    ChatCallSpec spec;
    std::string itemId;
    std::string strategy;
    std::string nodeId;
    std::string parentNodeId;
    CallRole role = CallRole::Answer;
    Reason reason;
    /// Set for an embeddings call (role Embed): the text whose vector is asked; `spec` is unused.
    /// The vector comes from the workspace's embedding cache when it is there.
    std::optional<std::string> embedText;
};

struct ModelCallResult {
    CallError error = CallError::None;
    std::string errorText; ///< redacted
    std::string text;
    TokenUsage usage;
    std::optional<Money> cost; ///< all attempts; nullopt if any attempt's cost is unknown
    int attempts = 0;
    double latencyMs = 0;
    std::string finishReason;
    std::vector<float> embedding; ///< an embeddings call's vector
    std::string embedder;         ///< an embeddings call's embedder identity (provider, endpoint, model)
    bool ok() const { return error == CallError::None; }
};

} // namespace baton::core
