// SPDX-License-Identifier: MIT
#include "run/run_settings.h"
#include "util/json_whole.h"

namespace baton::core {

nlohmann::json RunSettings::toJson() const {
    nlohmann::json j = {{"strategies", strategies},
                        {"baselines", baselines},
                        {"concurrency", concurrency},
                        {"per_model_concurrency", perModelConcurrency},
                        {"max_same_error_repeats", maxSameErrorRepeats},
                        {"seed", seed},
                        {"use_cache", useCache},
                        {"stream", stream},
                        {"timeouts_ms", {timeouts.connectMs, timeouts.firstByteMs, timeouts.idleMs, timeouts.totalMs}}};
    if (maxCost) j["max_cost_pico"] = maxCost->pico;
    if (maxCalls) j["max_calls"] = *maxCalls;
    return j;
}

RunSettings RunSettings::fromJson(const nlohmann::json& j) {
    RunSettings s;
    if (!j.is_object()) return s;
    s.strategies = j.value("strategies", std::vector<std::string>{});
    s.baselines = j.value("baselines", true);
    s.concurrency = wholeAs(j, "concurrency", 16);
    s.perModelConcurrency = wholeAs(j, "per_model_concurrency", 8);
    s.maxSameErrorRepeats = wholeAs(j, "max_same_error_repeats", 25);
    s.seed = wholeAs(j, "seed", uint64_t(1));
    s.useCache = j.value("use_cache", true);
    s.stream = j.value("stream", false);
    if (auto t = j.value("timeouts_ms", nlohmann::json()); t.is_array() && t.size() == 4)
        s.timeouts = {wholeAs<int>(t[0], "timeouts_ms"), wholeAs<int>(t[1], "timeouts_ms"),
                      wholeAs<int>(t[2], "timeouts_ms"), wholeAs<int>(t[3], "timeouts_ms")};
    if (j.contains("max_cost_pico")) s.maxCost = Money{wholeAs<int64_t>(j["max_cost_pico"], "max_cost_pico")};
    if (j.contains("max_calls")) s.maxCalls = wholeAs<int64_t>(j["max_calls"], "max_calls");
    return s;
}

Result<RunSettings> RunSettings::fromStored(const nlohmann::json& j, int64_t runId) {
    try {
        return fromJson(j);
    } catch (const std::exception& e) {
        return fail(ErrorKind::BadInput, "run " + std::to_string(runId) + "'s stored settings cannot be read (" +
                                             e.what() +
                                             "); it came from a damaged bundle or a newer Baton: start a new run");
    }
}

} // namespace baton::core
