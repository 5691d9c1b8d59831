// SPDX-License-Identifier: MIT
#include "model/run.h"
#include "util/enum_names.h"

namespace baton::core {
namespace {

constexpr EnumName<RunStatus> kRunStatus[] = {{RunStatus::Pending, "pending"},
                                              {RunStatus::Running, "running"},
                                              {RunStatus::Completed, "completed"},
                                              {RunStatus::Cancelled, "cancelled"},
                                              {RunStatus::Failed, "failed"}};
constexpr EnumName<OutcomeStatus> kOutcomeStatus[] = {
    {OutcomeStatus::Complete, "complete"}, {OutcomeStatus::Incomplete, "incomplete"}, {OutcomeStatus::Failed, "failed"}};

} // namespace

std::string toString(RunStatus status) {
    return enumName(kRunStatus, status);
}

std::optional<RunStatus> runStatusFromString(const std::string& text) {
    return enumFromName(kRunStatus, text);
}

std::string toString(OutcomeStatus status) {
    return enumName(kOutcomeStatus, status);
}

std::optional<OutcomeStatus> outcomeStatusFromString(const std::string& text) {
    return enumFromName(kOutcomeStatus, text);
}

void to_json(nlohmann::json& j, const Run& r) {
    j = {{"id", r.id},
         {"created_at_ms", r.createdAtMs},
         {"status", toString(r.status)},
         {"pool", r.poolSnapshot},
         {"price_book", r.priceBookSnapshot},
         {"task_set_hash", r.taskSetHash},
         {"strategies", r.strategies},
         {"seed", r.seed},
         {"settings", r.settings},
         {"stop_reason", r.stopReason}};
}

void from_json(const nlohmann::json& j, Run& r) {
    r.id = j.at("id").get<int64_t>();
    r.createdAtMs = j.value("created_at_ms", int64_t(0));
    r.status = runStatusFromString(j.value("status", "pending")).value_or(RunStatus::Failed);
    r.poolSnapshot = j.value("pool", nlohmann::json());
    r.priceBookSnapshot = j.value("price_book", nlohmann::json());
    r.taskSetHash = j.value("task_set_hash", "");
    r.strategies = j.value("strategies", std::vector<std::string>{});
    r.seed = j.value("seed", uint64_t(0));
    r.settings = j.value("settings", nlohmann::json::object());
    r.stopReason = j.value("stop_reason", "");
}

void to_json(nlohmann::json& j, const Outcome& o) {
    j = {{"run_id", o.runId},
         {"item_id", o.itemId},
         {"strategy", o.strategy},
         {"answer", o.answer},
         {"grade", o.grade},
         {"cost_pico", o.cost ? nlohmann::json(o.cost->pico) : nlohmann::json()},
         {"latency_ms", o.latencyMs},
         {"call_count", o.callCount},
         {"status", toString(o.status)}};
}

void from_json(const nlohmann::json& j, Outcome& o) {
    o.runId = j.at("run_id").get<int64_t>();
    o.itemId = j.at("item_id").get<std::string>();
    o.strategy = j.at("strategy").get<std::string>();
    o.answer = j.value("answer", "");
    o.grade = j.value("grade", nlohmann::json()).get<std::optional<double>>();
    auto cost = j.value("cost_pico", nlohmann::json());
    o.cost = cost.is_null() ? std::nullopt : std::optional<Money>(Money{cost.get<int64_t>()});
    o.latencyMs = j.value("latency_ms", nlohmann::json()).get<std::optional<double>>();
    o.callCount = j.value("call_count", 0);
    o.status = outcomeStatusFromString(j.value("status", "complete")).value_or(OutcomeStatus::Failed);
}

} // namespace baton::core
