// SPDX-License-Identifier: MIT
#include "run/strategy.h"

namespace baton::core {

void StrategyContext::annotate(const std::string& nodeId, const Reason& reason) {
    m_caller.annotate(m_item.id, m_strategy, nodeId, reason);
}

Async<ModelCallResult> StrategyContext::ask(const ModelSpec& model, std::vector<Message> messages, CallRole role,
                                           std::string nodeId, std::string parentNodeId, Reason reason,
                                           int64_t sample) {
    CallRequest request;
    request.spec.sample = sample;
    request.model = &model;
    request.spec.messages = std::move(messages);
    request.itemId = m_item.id;
    request.strategy = m_strategy;
    request.nodeId = std::move(nodeId);
    request.parentNodeId = std::move(parentNodeId);
    request.role = role;
    request.reason = std::move(reason);
    return send(std::move(request));
}

Async<ModelCallResult> StrategyContext::embed(const ModelSpec& model, std::string text, std::string nodeId,
                                             std::string parentNodeId, Reason reason) {
    CallRequest request;
    request.model = &model;
    request.embedText = std::move(text);
    request.itemId = m_item.id;
    request.strategy = m_strategy;
    request.nodeId = std::move(nodeId);
    request.parentNodeId = std::move(parentNodeId);
    request.role = CallRole::Embed;
    request.reason = std::move(reason);
    return send(std::move(request));
}

Async<ModelCallResult> StrategyContext::send(CallRequest request) {
    auto pending = m_caller.call(std::move(request)); // named: see Async in run/async.h
    ModelCallResult result = co_await pending;
    m_calls += result.attempts > 0 ? result.attempts : (result.ok() ? 1 : 0); // a reused answer was one call
    if (!result.cost)
        m_cost.reset();
    else if (m_cost)
        *m_cost += *result.cost;
    m_latencyMs += result.latencyMs;
    co_return result;
}

StrategyResult fromFailedCall(const ModelCallResult& call) {
    StrategyResult r;
    r.incomplete =
        call.error == CallError::Budget || call.error == CallError::CallCap || call.error == CallError::Cancelled;
    r.error = call.errorText;
    return r;
}

} // namespace baton::core
