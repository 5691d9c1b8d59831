// SPDX-License-Identifier: MIT
#include "run/run_settings.h"

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
    s.concurrency = j.value("concurrency", 16);
    s.perModelConcurrency = j.value("per_model_concurrency", 8);
    s.maxSameErrorRepeats = j.value("max_same_error_repeats", 25);
    s.seed = j.value("seed", uint64_t(1));
    s.useCache = j.value("use_cache", true);
    s.stream = j.value("stream", false);
    if (auto t = j.value("timeouts_ms", nlohmann::json()); t.is_array() && t.size() == 4)
        s.timeouts = {t[0].get<int>(), t[1].get<int>(), t[2].get<int>(), t[3].get<int>()};
    if (j.contains("max_cost_pico")) s.maxCost = Money{j["max_cost_pico"].get<int64_t>()};
    if (j.contains("max_calls")) s.maxCalls = j["max_calls"].get<int64_t>();
    return s;
}

} // namespace baton::core
