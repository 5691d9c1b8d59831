// SPDX-License-Identifier: MIT
#pragma once
/// ModelCaller: makes one model call for a strategy, and is the only place that retries. Every
/// attempt becomes a logged Call with its cost (known, estimated or unknown; an attempt that may
/// have been billed is marked); the budget guard reserves each attempt's worst case first.
/// Responses come from a resumed run's own log or the response cache before anything is sent.
/// Embeddings calls (CallRequest::embedText) go the same way: budgeted at input price x the
/// text's bytes + 16, retried, logged with their cost, the vector read from and kept in the
/// workspace's embedding cache.

#include "net/http_event_loop.h"
#include "net/retry_policy.h"
#include "run/async_semaphore.h"
#include "run/caller_settings.h"
#include "run/model_call.h"
#include "run/budget_guard.h"
#include "run/call_logger.h"
#include "run/embedding_call.h"
#include "run/response_cache.h"
#include "run/async.h"
#include "store/prior_calls.h"
#include "util/clock.h"
#include "util/rng.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stop_token>

namespace baton::core {

class ModelCaller {
public:
    ModelCaller(HttpEventLoop& loop, CallLogger& logger, BudgetGuard& budget, ResponseCache* cache,
                CallerSettings settings, std::stop_token stop);

    Async<ModelCallResult> call(CallRequest request);

    /// The identity an embeddings call to `model` has in this run (its vectors' embedder; the
    /// simulator by what it simulates), known before any call is made.
    std::string embedderIdentity(const ModelSpec& model) const;
    /// Where embeddings calls look for vectors first and keep the ones they make (none: no cache).
    void useEmbeddingCache(RunEmbeddingCache* cache) { m_embeddings = cache; }
    /// (item, strategy, node) -> the finished call, from the interrupted run being resumed.
    void setPriorLog(PriorLog prior) { m_prior = std::move(prior); }
    /// Keys resolved so far, for redaction everywhere.
    const std::vector<std::string>& secrets() const { return m_secrets; }
    int64_t httpRequests() const { return m_httpRequests; }
    /// Rewrites the reason of a node's last attempt with the decision taken after it returned.
    void annotate(const std::string& item, const std::string& strategy, const std::string& node, const Reason& reason);
    /// Cancels every transfer in flight (loop thread).
    void cancelAll();

private:
    struct Prepared; // what does not change between a call's attempts
    Prepared prepare(CallRequest request) const;
    std::string stableBaseOf(const ModelSpec& model) const;
    /// The call's answer without sending it: from the resumed run's log, or the response cache.
    std::optional<ModelCallResult> reuse(Prepared& p);
    /// An embeddings call's vector without sending it: from the embedding cache (logged as a
    /// cache hit at its list price, or taken from the resumed run's log when it finished there).
    std::optional<ModelCallResult> reuseEmbedding(Prepared& p);
    /// Why the call cannot be sent at all (no price under a cap, no key); also resolves the key.
    std::optional<ModelCallResult> refuse(Prepared& p);
    /// One attempt: sent, judged, logged and settled with the budget, folded into `out`. Returns
    /// what a retry is decided on, or nullopt when the call is over.
    Async<std::optional<AttemptFacts>> attempt(Prepared& p, int number, ModelCallResult& out);
    /// `firstContentMs`: when the decoder first passed on content (streams), else left unset.
    Async<HttpResult> send(HttpRequest request, StreamDecoder* decoder, std::string& body,
                          std::optional<ProviderError>& streamError, std::optional<double>& firstContentMs);
    Async<int> sleep(double seconds);
    AsyncSemaphore& permitsFor(const std::string& model);

    HttpEventLoop& m_loop;
    CallLogger& m_logger;
    BudgetGuard& m_budget;
    ResponseCache* m_cache;
    RunEmbeddingCache* m_embeddings = nullptr;
    CallerSettings m_settings;
    std::stop_token m_stop;
    Rng m_jitter;
    PriorLog m_prior;
    std::map<std::string, std::unique_ptr<AsyncSemaphore>> m_permits;
    std::vector<std::string> m_secrets;
    std::set<HttpEventLoop::TransferId> m_inFlight;
    int64_t m_httpRequests = 0;
};

} // namespace baton::core
