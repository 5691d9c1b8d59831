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

namespace {

/// j[key] as a T, or nothing when it is absent or of another type: a run record written by
/// another version must not make every reader of it throw.
template <class T> std::optional<T> optionalField(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return std::nullopt;
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

template <class T> T field(const nlohmann::json& j, const char* key, T fallback) {
    return optionalField<T>(j, key).value_or(std::move(fallback));
}

} // namespace

RunSettings RunSettings::fromJson(const nlohmann::json& j) {
    RunSettings s;
    if (!j.is_object()) return s;
    s.strategies = field(j, "strategies", s.strategies);
    s.baselines = field(j, "baselines", s.baselines);
    s.concurrency = field(j, "concurrency", s.concurrency);
    s.perModelConcurrency = field(j, "per_model_concurrency", s.perModelConcurrency);
    s.maxSameErrorRepeats = field(j, "max_same_error_repeats", s.maxSameErrorRepeats);
    s.seed = field(j, "seed", s.seed);
    s.useCache = field(j, "use_cache", s.useCache);
    s.stream = field(j, "stream", s.stream);
    auto t = field(j, "timeouts_ms", std::vector<int>{});
    if (t.size() == 4) s.timeouts = {t[0], t[1], t[2], t[3]};
    if (auto cap = optionalField<int64_t>(j, "max_cost_pico")) s.maxCost = Money{*cap};
    if (auto calls = optionalField<int64_t>(j, "max_calls")) s.maxCalls = *calls;
    return s;
}

} // namespace baton::core
