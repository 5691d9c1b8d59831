#pragma once
/// ModelCaller: makes one model call for a strategy, and is the only place that retries. Every
/// attempt becomes a logged Call with its cost (known, estimated or unknown; an attempt that may
/// have been billed is marked); the budget guard reserves each attempt's worst case first.
/// Responses come from a resumed run's own log or the response cache before anything is sent.

#include "model/call.h"
#include "model/pool.h"
#include "net/http_event_loop.h"
#include "pricing/price_book.h"
#include "providers/provider_adapter.h"
#include "run/async_semaphore.h"
#include "run/budget_guard.h"
#include "run/call_logger.h"
#include "run/response_cache.h"
#include "run/async.h"
#include "util/rng.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stop_token>

namespace baton::core {

/// Where a key lives -> the key, or nullopt when it is not there. Supplied by the caller (the
/// CLI reads the environment, the GUI the keychain); core never looks on its own.
using KeyResolver = std::function<std::optional<std::string>(const KeyRef&)>;

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
    bool ok() const { return error == CallError::None; }
};

/// A finished call of an interrupted run, reused on resume instead of being sent again.
struct PriorCall {
    std::string text;
    TokenUsage usage;
    std::optional<Money> cost;
    double latencyMs = 0;
};

/// What an interrupted run's log already holds, by node: the calls that finished (reused), and
/// the last attempt number logged (a new attempt of a cancelled call is numbered after it).
struct PriorLog {
    std::map<std::string, PriorCall> finished;
    std::map<std::string, int> lastAttempt;
    Money spent; ///< every earlier call of the run with a known cost, counted against its cap
};

struct CallerSettings {
    int64_t runId = 0;
    const PriceBook* prices = nullptr;
    KeyResolver resolveKey;
    std::function<std::string(const ModelSpec&)> baseUrlFor;
    std::string simIdentity; ///< replaces the simulator's ephemeral URL in cache keys and logged requests
    HttpTimeouts timeouts;
    int perModelConcurrency = 8;
    uint64_t seed = 0;
};

class ModelCaller {
public:
    ModelCaller(HttpEventLoop& loop, CallLogger& logger, BudgetGuard& budget, ResponseCache* cache,
                CallerSettings settings, std::stop_token stop);

    Async<ModelCallResult> call(CallRequest request);

    /// (item, strategy, node) -> the finished call, from the interrupted run being resumed.
    void setPriorLog(PriorLog prior) { m_prior = std::move(prior); }
    static std::string nodeKey(const std::string& item, const std::string& strategy, const std::string& node);
    /// Keys resolved so far, for redaction everywhere.
    const std::vector<std::string>& secrets() const { return m_secrets; }
    int64_t httpRequests() const { return m_httpRequests; }
    /// Rewrites the reason of a node's last attempt with the decision taken after it returned.
    void annotate(const std::string& item, const std::string& strategy, const std::string& node, const Reason& reason);
    /// Cancels every transfer in flight (loop thread).
    void cancelAll();

private:
    Async<HttpResult> send(HttpRequest request, StreamDecoder* decoder, std::string& body,
                          std::optional<ProviderError>& streamError);
    Async<int> sleep(double seconds);
    AsyncSemaphore& permitsFor(const std::string& model);

    HttpEventLoop& m_loop;
    CallLogger& m_logger;
    BudgetGuard& m_budget;
    ResponseCache* m_cache;
    CallerSettings m_settings;
    std::stop_token m_stop;
    Rng m_jitter;
    PriorLog m_prior;
    std::map<std::string, std::unique_ptr<AsyncSemaphore>> m_permits;
    std::vector<std::string> m_secrets;
    std::set<HttpEventLoop::TransferId> m_inFlight;
    int64_t m_httpRequests = 0;
};

int64_t nowMs();

} // namespace baton::core
