// SPDX-License-Identifier: MIT
#include "model/call.h"
#include "util/enum_names.h"
#include "util/json_whole.h"

namespace baton::core {
namespace {

constexpr EnumName<CallRole> kRoles[] = {
    {CallRole::Answer, "answer"},   {CallRole::Route, "route"},           {CallRole::Plan, "plan"},
    {CallRole::Propose, "propose"}, {CallRole::Aggregate, "aggregate"},   {CallRole::Judge, "judge"},
    {CallRole::Verify, "verify"},   {CallRole::Synthesize, "synthesize"}, {CallRole::Embed, "embed"}};
constexpr EnumName<CallStatus> kStatuses[] = {{CallStatus::Pending, "pending"},
                                                            {CallStatus::Ok, "ok"},
                                                            {CallStatus::Error, "error"},
                                                            {CallStatus::Cancelled, "cancelled"}};

std::optional<Money> moneyFrom(const nlohmann::json& j, const char* key) {
    auto pico = optionalWholeAs<int64_t>(j, key);
    return pico ? std::optional<Money>(Money{*pico}) : std::nullopt;
}

} // namespace

std::string toString(CallRole role) {
    return enumName(kRoles, role);
}
std::optional<CallRole> callRoleFromString(const std::string& text) {
    return enumFromName(kRoles, text);
}
std::string toString(CallStatus status) {
    return enumName(kStatuses, status);
}
std::optional<CallStatus> callStatusFromString(const std::string& text) {
    return enumFromName(kStatuses, text);
}

void to_json(nlohmann::json& j, const Call& c) {
    j = {{"run_id", c.runId},
         {"item_id", c.itemId},
         {"strategy", c.strategy},
         {"node_id", c.nodeId},
         {"parent_node_id", c.parentNodeId},
         {"role", toString(c.role)},
         {"model", c.model},
         {"reason", {{"text", c.reason.text}, {"score", c.reason.score}, {"threshold", c.reason.threshold}}},
         {"request_hash", c.requestHash},
         {"response_hash", c.responseHash},
         {"status", toString(c.status)},
         {"error", c.error},
         {"finish_reason", c.finishReason},
         {"attempt", c.attempt},
         {"http_status", c.httpStatus},
         {"usage", c.usage},
         {"cost_pico", c.cost ? nlohmann::json(c.cost->pico) : nlohmann::json()},
         {"billed_cost_pico", c.billedCost ? nlohmann::json(c.billedCost->pico) : nlohmann::json()},
         {"cost_estimated", c.costEstimated},
         {"maybe_billed", c.maybeBilled},
         {"cache_hit", c.cacheHit},
         {"ttft_ms", c.ttftMs},
         {"latency_ms", c.latencyMs},
         {"started_at_ms", c.startedAtMs},
         {"finished_at_ms", c.finishedAtMs}};
}

void from_json(const nlohmann::json& j, Call& c) {
    c.runId = wholeAs<int64_t>(j.at("run_id"), "run_id");
    c.itemId = j.at("item_id").get<std::string>();
    c.strategy = j.at("strategy").get<std::string>();
    c.nodeId = j.at("node_id").get<std::string>();
    c.parentNodeId = j.value("parent_node_id", "");
    c.role = callRoleFromString(j.at("role").get<std::string>()).value_or(CallRole::Answer);
    c.model = j.at("model").get<std::string>();
    const auto& reason = j.at("reason");
    c.reason = {reason.value("text", ""), reason.value("score", nlohmann::json()).get<std::optional<double>>(),
                reason.value("threshold", nlohmann::json()).get<std::optional<double>>()};
    c.requestHash = j.value("request_hash", "");
    c.responseHash = j.value("response_hash", "");
    c.status = callStatusFromString(j.at("status").get<std::string>()).value_or(CallStatus::Error);
    c.error = j.value("error", "");
    c.finishReason = j.value("finish_reason", "");
    c.attempt = wholeAs(j, "attempt", 1);
    c.httpStatus = optionalWholeAs<int>(j, "http_status");
    c.usage = j.value("usage", nlohmann::json::object()).get<TokenUsage>();
    c.cost = moneyFrom(j, "cost_pico");
    c.billedCost = moneyFrom(j, "billed_cost_pico");
    c.costEstimated = j.value("cost_estimated", false);
    c.maybeBilled = j.value("maybe_billed", false);
    c.cacheHit = j.value("cache_hit", false);
    c.ttftMs = j.value("ttft_ms", nlohmann::json()).get<std::optional<double>>();
    c.latencyMs = j.value("latency_ms", nlohmann::json()).get<std::optional<double>>();
    c.startedAtMs = wholeAs(j, "started_at_ms", int64_t(0));
    c.finishedAtMs = wholeAs(j, "finished_at_ms", int64_t(0));
}

} // namespace baton::core
