// SPDX-License-Identifier: MIT
#include "sim/sim_profile.h"
#include "util/json_text.h"
#include "util/file_io.h"
#include "util/resources.h"

namespace baton::core {
namespace {

using Need = JsonReader::Need;

void readRate(JsonReader& r, const Json& obj, const std::string& path, const char* key, double& into) {
    if (auto v = r.number(obj, path, key, Need::Optional)) {
        if (*v < 0 || *v > 1)
            r.error(JsonReader::child(path, key), "a rate is a probability between 0 and 1");
        else
            into = *v;
    }
}

void readPositive(JsonReader& r, const Json& obj, const std::string& path, const char* key, double& into) {
    if (auto v = r.number(obj, path, key, Need::Optional)) {
        if (*v < 0)
            r.error(JsonReader::child(path, key), "must not be negative");
        else
            into = *v;
    }
}

// "must be from 0 to MAX<unit>, got X": the one wording of a bounded number of a profile.
std::string outsideRange(const Json& obj, const char* key, int64_t max, const std::string& unit) {
    return "must be from 0 to " + std::to_string(max) + unit + ", got " + JsonReader::describe(obj[key]);
}

// Bounded because it becomes a whole number of seconds or microseconds (a fault's Retry-After header, a
// sleep) or the length of a reply the simulator writes out: converting 1e300 to an integer is undefined
// behaviour, and a reply is built in memory at its drawn length.
void readBounded(JsonReader& r, const Json& obj, const std::string& path, const char* key, int64_t max,
                 const std::string& unit, double& into) {
    if (auto v = r.number(obj, path, key, Need::Optional)) {
        if (!(*v >= 0 && *v <= double(max)))
            r.error(JsonReader::child(path, key), outsideRange(obj, key, max, unit));
        else
            into = *v;
    }
}

void readOutputTokens(JsonReader& r, const Json& out, const std::string& path, SimModel& m) {
    const std::string unit = " tokens (model \"" + m.name + "\")";
    readBounded(r, out, path, "mean", kMaxSimOutputTokens, unit, m.outputMean);
    readBounded(r, out, path, "sd", kMaxSimOutputTokens, unit, m.outputSd);
    if (auto min = r.integer(out, path, "min", Need::Optional)) {
        if (*min < 0 || *min > kMaxSimOutputTokens)
            r.error(JsonReader::child(path, "min"), outsideRange(out, "min", kMaxSimOutputTokens, unit));
        else
            m.outputMin = *min;
    }
    r.warnUnknown(out, path, {"mean", "sd", "min"});
}

SimModel readModel(JsonReader& r, const Json& obj, const std::string& path) {
    SimModel m;
    m.name = r.string(obj, path, "name", Need::Required).value_or("");
    if (const auto* skill = r.object(obj, path, "skill", Need::Required)) {
        std::string skillPath = JsonReader::child(path, "skill");
        for (auto it = skill->begin(); it != skill->end(); ++it) {
            double p = -1;
            readRate(r, *skill, skillPath, it.key().c_str(), p);
            if (!it->is_number()) continue;
            if (p >= 0) m.skill[it.key()] = p;
        }
        if (skill->empty()) r.error(skillPath, "give at least a \"default\" skill");
    }
    readRate(r, obj, path, "judge_skill", m.judgeSkill);
    readRate(r, obj, path, "format_error_rate", m.formatErrorRate);
    if (const auto* out = r.object(obj, path, "output_tokens", Need::Optional)) {
        readOutputTokens(r, *out, JsonReader::child(path, "output_tokens"), m);
    }
    if (const auto* lat = r.object(obj, path, "latency", Need::Optional)) {
        std::string p = JsonReader::child(path, "latency");
        readBounded(r, *lat, p, "ttft_ms", kMaxSimWaitMs, " (a day)", m.ttftMs);
        readPositive(r, *lat, p, "tokens_per_s", m.tokensPerSecond);
        if (m.tokensPerSecond <= 0) r.error(JsonReader::child(p, "tokens_per_s"), "must be above 0");
        r.warnUnknown(*lat, p, {"ttft_ms", "tokens_per_s"});
    }
    if (const auto* price = r.object(obj, path, "price", Need::Optional))
        m.price = readPriceEntry(r, *price, JsonReader::child(path, "price")).prices;
    m.contextWindow = r.integer(obj, path, "context_window", Need::Optional).value_or(m.contextWindow);
    if (m.contextWindow <= 0) r.error(JsonReader::child(path, "context_window"), "must be above 0");
    r.warnUnknown(obj, path,
                  {"name", "skill", "judge_skill", "format_error_rate", "output_tokens", "latency", "price",
                   "context_window", "note"});
    return m;
}

void readFaults(JsonReader& r, const Json& doc, SimFaults& f) {
    const auto* obj = r.object(doc, "", "faults", Need::Optional);
    if (!obj) return;
    const std::string p = "/faults";
    readRate(r, *obj, p, "rate_429", f.rate429);
    readRate(r, *obj, p, "rate_500", f.rate500);
    readRate(r, *obj, p, "rate_503", f.rate503);
    readRate(r, *obj, p, "rate_stall", f.rateStall);
    readRate(r, *obj, p, "rate_drop", f.rateDrop);
    readRate(r, *obj, p, "rate_truncated", f.rateTruncated);
    readRate(r, *obj, p, "rate_malformed", f.rateMalformed);
    readRate(r, *obj, p, "rate_missing_usage", f.rateMissingUsage);
    readRate(r, *obj, p, "rate_stream_error", f.rateStreamError);
    readBounded(r, *obj, p, "retry_after_s", 86400, " (a day)", f.retryAfterSeconds);
    f.retryAfterMs = r.boolean(*obj, p, "retry_after_ms", Need::Optional).value_or(false);
    readBounded(r, *obj, p, "stall_ms", kMaxSimWaitMs, " (a day)", f.stallMs);
    f.echoCredentials = r.boolean(*obj, p, "echo_credentials", Need::Optional).value_or(false);
    if (f.total() > 1) r.error(p, "the fault rates add up to more than 1");
    r.warnUnknown(*obj, p,
                  {"rate_429", "rate_500", "rate_503", "rate_stall", "rate_drop", "rate_truncated", "rate_malformed",
                   "rate_missing_usage", "rate_stream_error", "retry_after_s", "retry_after_ms", "stall_ms",
                   "echo_credentials"});
}

} // namespace

double SimModel::skillFor(const std::string& category) const {
    auto it = skill.find(category);
    if (it != skill.end()) return it->second;
    it = skill.find("default");
    return it != skill.end() ? it->second : 0.5;
}

double SimFaults::total() const {
    return rate429 + rate500 + rate503 + rateStall + rateDrop + rateTruncated + rateMalformed + rateMissingUsage +
           rateStreamError;
}

const SimModel* SimProfile::find(const std::string& name) const {
    for (const auto& m : models)
        if (m.name == name) return &m;
    return nullptr;
}

Result<SimProfile> parseSimProfile(const std::string& text, const std::string& fileName) {
    auto parsed = parseJsonText(text, fileName);
    if (!parsed) return std::unexpected(parsed.error());
    const Json& doc = *parsed;
    if (!doc.is_object())
        return fail(ErrorKind::BadInput, fileName + ": not a JSON object; check the file's syntax.");
    JsonReader r(fileName);
    SimProfile profile;
    if (auto schema = r.integer(doc, "", "schema", Need::Required); schema && *schema != 1)
        r.error("/schema", "unsupported sim profile schema " + std::to_string(*schema));
    if (auto seed = r.integer(doc, "", "seed", Need::Optional)) profile.seed = static_cast<uint64_t>(*seed);
    readBounded(r, doc, "", "time_scale", kMaxSimTimeScale, "", profile.timeScale);
    if (const auto* models = r.array(doc, "", "models", Need::Required)) {
        if (models->empty()) r.error("/models", "a profile needs at least one model");
        for (size_t i = 0; i < models->size(); ++i) {
            std::string path = JsonReader::child("/models", i);
            if (!(*models)[i].is_object()) {
                r.error(path, "expected an object, got " + JsonReader::describe((*models)[i]));
                continue;
            }
            SimModel m = readModel(r, (*models)[i], path);
            if (profile.find(m.name)) r.error(JsonReader::child(path, "name"), "duplicate model \"" + m.name + "\"");
            profile.models.push_back(std::move(m));
        }
    }
    readFaults(r, doc, profile.faults);
    if (const auto* d = r.object(doc, "", "decomposition", Need::Optional)) {
        readRate(r, *d, "/decomposition", "multi_step_bonus", profile.decomposition.multiStepBonus);
        readRate(r, *d, "/decomposition", "long_context_penalty", profile.decomposition.longContextPenalty);
    }
    r.warnUnknown(doc, "", {"schema", "seed", "time_scale", "models", "faults", "decomposition", "note"});
    if (!r.ok()) return fail(ErrorKind::BadInput, fileName + ": invalid sim profile", r.diagnostics());
    return profile;
}

Result<SimProfile> loadSimProfile(const std::string& path) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(text.error());
    return parseSimProfile(*text, path);
}

SimProfile demoSimProfile() {
    auto parsed = parseSimProfile(std::string(embeddedResource("demo/sim_profile.json").value_or("")),
                                  "demo/sim_profile.json (bundled)");
    return parsed ? *parsed : SimProfile{}; // a test asserts that the bundled profile parses
}

} // namespace baton::core
