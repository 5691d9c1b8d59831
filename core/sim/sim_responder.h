// SPDX-License-Identifier: MIT
#pragma once
/// SimResponder: turns a Chat Completions request into the simulated model's reply, the fault to
/// inject, and the wire bytes (JSON body or SSE events). No I/O: the server only moves bytes.
/// Deterministic: the same profile seed and the same sequence of requests give the same bytes.

#include "sim/chat_request.h"
#include "sim/item_index.h"
#include "sim/replay_source.h"
#include "sim/sim_profile.h"
#include "util/fingerprint_counts.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>

namespace baton::core {

enum class SimFault {
    None,
    RateLimited,
    ServerError,
    Unavailable,
    Stall,
    Drop,
    Truncated,
    Malformed,
    MissingUsage,
    StreamError
};
std::string toString(SimFault fault);

struct SimCompletion {
    std::string id;
    int64_t created = 0;
    std::string model;
    std::string content;
    int64_t promptTokens = 0;
    int64_t completionTokens = 0;
    std::string finishReason = "stop";
    std::optional<double> billedCostUsd; ///< replay: the recorded cost, sent as usage.cost
    double ttftMs = 0;                   ///< already scaled by time_scale
    double perTokenMs = 0;
};

class SimResponder {
public:
    SimResponder(SimProfile profile, TaskSet tasks, std::optional<ReplaySource> replay = std::nullopt);
    /// The same over a task set shared with its owner (a run's), not copied.
    SimResponder(SimProfile profile, std::shared_ptr<const TaskSet> tasks,
                 std::optional<ReplaySource> replay = std::nullopt);

    std::variant<SimCompletion, SimHttpError> complete(const ChatRequest& request) const;
    /// The fault for this request: the n-th identical request body draws the n-th fault.
    SimFault drawFault(const std::string& model, const std::string& body);
    SimHttpError faultError(SimFault fault) const;

    std::string completionBody(const SimCompletion& c, bool withUsage) const;
    /// SSE events ("data: {...}\n\n"), ending with "data: [DONE]\n\n". Content arrives in
    /// chunks of a few tokens; a usage chunk with empty choices precedes [DONE] when asked.
    std::vector<std::string> streamEvents(const SimCompletion& c, bool includeUsage) const;

    std::string modelsBody() const;
    std::variant<std::string, SimHttpError> embeddingsBody(const std::string& body) const;

    const SimProfile& profile() const { return m_profile; }
    std::map<std::string, int64_t> faultCounts() const;

private:
    SimCompletion generate(const SimModel& model, const ChatRequest& request) const;
    SimCompletion replay(const ChatRequest& request, const ReplayRecord& record) const;

    SimProfile m_profile;
    ItemIndex m_index;
    std::optional<ReplaySource> m_replay;
    mutable std::mutex m_mutex;
    /// The first 64 bits of a body's hash -> times seen, so that a retry draws anew. 11-21 bytes a
    /// body (a run sends a million bodies); two bodies sharing 48 of those bits only shift each
    /// other's draws, and a body sent more than 65,535 times draws as its 65,535th send after it.
    FingerprintCounts m_seen;
    std::map<std::string, int64_t> m_faultCounts; ///< fault name -> injected
};

/// usage.prompt_tokens the simulator reports for these messages.
int64_t promptTokens(const std::vector<Message>& messages);

} // namespace baton::core
