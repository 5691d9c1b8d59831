// SPDX-License-Identifier: MIT
#include "model/run.h"
#include "util/enum_names.h"
#include "util/json_whole.h"

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
    r.id = wholeAs<int64_t>(j.at("id"), "id");
    r.createdAtMs = wholeAs(j, "created_at_ms", int64_t(0));
    r.status = runStatusFromString(j.value("status", "pending")).value_or(RunStatus::Failed);
    r.poolSnapshot = j.value("pool", nlohmann::json());
    r.priceBookSnapshot = j.value("price_book", nlohmann::json());
    r.taskSetHash = j.value("task_set_hash", "");
    r.strategies = j.value("strategies", std::vector<std::string>{});
    r.seed = wholeAs(j, "seed", uint64_t(0));
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
    o.runId = wholeAs<int64_t>(j.at("run_id"), "run_id");
    o.itemId = j.at("item_id").get<std::string>();
    o.strategy = j.at("strategy").get<std::string>();
    o.answer = j.value("answer", "");
    o.grade = j.value("grade", nlohmann::json()).get<std::optional<double>>();
    auto pico = optionalWholeAs<int64_t>(j, "cost_pico");
    o.cost = pico ? std::optional<Money>(Money{*pico}) : std::nullopt;
    o.latencyMs = j.value("latency_ms", nlohmann::json()).get<std::optional<double>>();
    o.callCount = wholeAs(j, "call_count", 0);
    o.status = outcomeStatusFromString(j.value("status", "complete")).value_or(OutcomeStatus::Failed);
}

} // namespace baton::core
