// SPDX-License-Identifier: MIT
#include "strategies/coordinator_policy.h"
#include "util/json_reader.h"
#include "util/sha256.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

namespace baton::core {

std::string toString(CoordinatorTier tier) {
    return tier == CoordinatorTier::Mini ? "mini" : "ultra";
}

std::optional<CoordinatorTier> coordinatorTierFromString(const std::string& text) {
    if (text == "mini") return CoordinatorTier::Mini;
    if (text == "ultra") return CoordinatorTier::Ultra;
    return std::nullopt;
}

std::string toString(ActionKind kind) {
    switch (kind) {
    case ActionKind::Answer:
        return "answer";
    case ActionKind::Plan:
        return "plan";
    case ActionKind::Verify:
        return "verify";
    case ActionKind::Synthesize:
        return "synthesize";
    case ActionKind::Stop:
        return "stop";
    }
    return "stop";
}

std::vector<double> softmax(const std::vector<double>& logits) {
    std::vector<double> p(logits.size());
    if (logits.empty()) return p;
    double top = *std::max_element(logits.begin(), logits.end()), sum = 0;
    for (size_t i = 0; i < logits.size(); ++i)
        sum += p[i] = std::exp(logits[i] - top);
    for (auto& x : p)
        x /= sum;
    return p;
}

CoordinatorPolicy CoordinatorPolicy::untrained(std::string name, CoordinatorTier tier, std::vector<std::string> models,
                                               std::vector<std::string> categories,
                                               const std::vector<std::string>& prompts, int maxDepth, int featureSet) {
    CoordinatorPolicy p;
    p.name = std::move(name);
    p.tier = tier;
    p.maxDepth = maxDepth;
    p.featureSet = featureSet;
    p.models = std::move(models);
    p.categories = std::move(categories);
    p.idf = TfidfVectorizer(prompts, kTextBuckets).idf();
    p.parameters.assign(size_t(p.parameterCount()), 0.0);
    return p;
}

std::vector<ActionKind> CoordinatorPolicy::kinds() const {
    if (tier == CoordinatorTier::Mini) return {ActionKind::Answer, ActionKind::Stop};
    return {ActionKind::Answer, ActionKind::Plan, ActionKind::Verify, ActionKind::Synthesize, ActionKind::Stop};
}

int CoordinatorPolicy::parameterCount() const {
    int k = int(kinds().size()), psi = 1 + int(categories.size());
    int n = k * featureCount() + (k - 1) * int(models.size()) * psi;
    return tier == CoordinatorTier::Ultra ? n + psi : n;
}

size_t CoordinatorPolicy::kindOffset(ActionKind k) const {
    auto all = kinds();
    return size_t(std::find(all.begin(), all.end(), k) - all.begin()) * size_t(featureCount());
}

size_t CoordinatorPolicy::modelOffset(ActionKind k, int model) const {
    auto all = kinds();
    size_t kindIndex = size_t(std::find(all.begin(), all.end(), k) - all.begin());
    size_t psi = 1 + categories.size();
    return all.size() * size_t(featureCount()) + (kindIndex * models.size() + size_t(model)) * psi;
}

size_t CoordinatorPolicy::rerouteOffset() const {
    size_t k = kinds().size(), psi = 1 + categories.size();
    return k * size_t(featureCount()) + (k - 1) * models.size() * psi;
}

double CoordinatorPolicy::dot(size_t offset, const std::vector<float>& x) const {
    double s = 0;
    for (size_t i = 0; i < x.size() && offset + i < parameters.size(); ++i)
        s += parameters[offset + i] * double(x[i]);
    return s;
}

ItemFeatures CoordinatorPolicy::features(const std::string& prompt, const std::string& category) const {
    ItemFeatures f;
    f.item.assign(size_t(itemFeatureCount()), 0.0f);
    f.item[0] = 1.0f;
    auto it = std::find(categories.begin(), categories.end(), category);
    if (it != categories.end()) {
        f.category = int(it - categories.begin());
        f.item[1 + size_t(f.category)] = 1.0f;
    }
    size_t at = 1 + categories.size();
    f.item[at] = float(std::log1p(double(prompt.size())) / 10.0);
    if (int(idf.size()) == kTextBuckets)
        for (const auto& [bucket, weight] : TfidfVectorizer(idf).vectorize(prompt))
            f.item[at + 1 + size_t(bucket)] = weight;
    return f;
}

std::vector<std::pair<CoordinatorAction, double>> CoordinatorPolicy::logits(const ItemFeatures& item,
                                                                            const TurnState& s) const {
    std::vector<float> phi = item.item;
    phi.insert(phi.end(), {s.hasAnswer ? 1.0f : 0.0f, s.verdict > 0 ? 1.0f : 0.0f, s.verdict < 0 ? 1.0f : 0.0f,
                           s.planned ? 1.0f : 0.0f, s.planFailed ? 1.0f : 0.0f,
                           float(s.calls) / float(std::max(1, s.maxCalls)), float(std::min(s.costOverReference, 3.0))});
    if (featureSet >= 2) phi.push_back(float(s.turn) / float(std::max(1, s.maxCalls)));
    if (maxDepth > 1) phi.push_back(float(s.depth) / float(kMaxDepth));
    std::vector<float> psi(item.item.begin(), item.item.begin() + 1 + long(categories.size()));
    std::vector<std::pair<CoordinatorAction, double>> out;
    for (ActionKind k : kinds()) {
        double base = dot(kindOffset(k), phi);
        if (k == ActionKind::Stop) {
            out.push_back({{k, -1}, base});
            continue;
        }
        for (int m = 0; m < int(models.size()); ++m)
            out.push_back({{k, m}, base + dot(modelOffset(k, m), psi)});
    }
    return out;
}

bool CoordinatorPolicy::reroutes(const ItemFeatures& item) const {
    if (tier != CoordinatorTier::Ultra) return false;
    std::vector<float> psi(item.item.begin(), item.item.begin() + 1 + long(categories.size()));
    return dot(rerouteOffset(), psi) > 0;
}

int CoordinatorPolicy::preferredModel(const ItemFeatures& item) const {
    std::vector<float> psi(item.item.begin(), item.item.begin() + 1 + long(categories.size()));
    int best = 0;
    double top = -1e300;
    for (int m = 0; m < int(models.size()); ++m)
        if (double v = dot(modelOffset(ActionKind::Answer, m), psi); v > top) top = v, best = m;
    return best;
}

std::string CoordinatorPolicy::label(const CoordinatorAction& a) const {
    if (a.kind == ActionKind::Stop || a.model < 0 || a.model >= int(models.size())) return toString(a.kind);
    return toString(a.kind) + "(" + models[size_t(a.model)] + ")";
}

nlohmann::json CoordinatorPolicy::toJson() const {
    nlohmann::json state = {"has_answer",  "verified_pass", "verified_fail",      "planned",
                            "plan_failed", "calls_share",   "cost_over_reference"};
    if (featureSet >= 2) state.push_back("turn");
    if (maxDepth > 1) state.push_back("depth");
    nlohmann::json j = {
        {"schema", 1},
        {"kind", "coordinator-policy"},
        {"name", name},
        {"version", version},
        {"tier", toString(tier)},
        {"lambda", lambda},
        {"cost_reference_usd", costReferenceUsd},
        {"models", models},
        {"features", {{"categories", categories}, {"text_buckets", kTextBuckets}, {"idf", idf}, {"state", state}}},
        {"parameters", parameters},
        {"training", training},
        {"metrics", metrics}};
    // Written only for nested plans, so a policy from before them keeps its content hash.
    if (maxDepth > 1) j["max_depth"] = maxDepth;
    // Likewise written only from feature set 2: a policy from before keeps its form and hash.
    if (featureSet >= 2) j["feature_set"] = featureSet;
    return j;
}

Result<CoordinatorPolicy> CoordinatorPolicy::fromJson(const nlohmann::json& j, const std::string& where) {
    JsonReader r(where);
    CoordinatorPolicy p;
    if (!j.is_object()) return fail(ErrorKind::BadInput, where + ": a coordinator policy must be a JSON object");
    if (j.value("kind", "") != "coordinator-policy")
        r.error("/kind",
                "expected \"coordinator-policy\", got " + JsonReader::describe(j.value("kind", nlohmann::json())));
    p.name = r.string(j, "", "name", JsonReader::Need::Required).value_or("");
    auto version = r.integer(j, "", "version", JsonReader::Need::Optional).value_or(0);
    if (version < 0 || version > std::numeric_limits<int>::max()) // int(4294967297) would be version 1
        r.error("/version", "must be a whole number from 0 to 2147483647, got " + std::to_string(version));
    else
        p.version = int(version);
    auto tier = coordinatorTierFromString(j.value("tier", std::string()));
    if (!tier)
        r.error("/tier", "must be \"mini\" or \"ultra\"");
    else
        p.tier = *tier;
    p.lambda = r.number(j, "", "lambda", JsonReader::Need::Required).value_or(0);
    if (j.contains("max_depth")) {
        const auto& d = j["max_depth"];
        if (!d.is_number_integer() || d.get<int64_t>() < 1 || d.get<int64_t>() > kMaxDepth)
            r.error("/max_depth", "plans nest at most " + std::to_string(kMaxDepth) +
                                      " deep (1: one plan per item, 2: a sub-task may be planned again); got " +
                                      JsonReader::describe(d));
        else if (tier && *tier == CoordinatorTier::Mini && d.get<int64_t>() > 1)
            r.error("/max_depth", "the mini tier does not plan; its max_depth is 1");
        else
            p.maxDepth = int(d.get<int64_t>());
    }
    if (j.contains("feature_set")) {
        const auto& f = j["feature_set"];
        if (!f.is_number_integer() || f.get<int64_t>() < 1 || f.get<int64_t>() > kFeatureSet)
            r.error("/feature_set", "known feature sets are 1 to " + std::to_string(kFeatureSet) +
                                        " (1 when absent: the state without the turn); got " + JsonReader::describe(f));
        else
            p.featureSet = int(f.get<int64_t>());
    }
    p.costReferenceUsd = r.number(j, "", "cost_reference_usd", JsonReader::Need::Required).value_or(0);
    auto strings = [&](const nlohmann::json& obj, const std::string& path, const char* key) {
        std::vector<std::string> out;
        if (const nlohmann::json* list = r.array(obj, path, key, JsonReader::Need::Required)) {
            for (size_t i = 0; i < list->size(); ++i) {
                if ((*list)[i].is_string())
                    out.push_back((*list)[i].get<std::string>());
                else
                    r.error(JsonReader::child(JsonReader::child(path, key), i), "expected a string");
            }
        }
        return out;
    };
    p.models = strings(j, "", "models");
    if (p.models.empty()) r.error("/models", "list the pool models the policy chooses from");
    const nlohmann::json features = j.value("features", nlohmann::json());
    if (!features.is_object()) {
        r.error("/features", "required object is missing");
    } else {
        p.categories = strings(features, "/features", "categories");
        if (features.contains("idf") && features["idf"].is_array())
            for (size_t k = 0; k < features["idf"].size(); ++k) {
                const auto& v = features["idf"][k];
                // Checked before the conversion: a double beyond FLT_MAX converted to float is undefined behaviour.
                if (v.is_number() && !(std::fabs(v.get<double>()) <= FLT_MAX))
                    r.error(JsonReader::child("/features/idf", k),
                            "must be a number within float's range (about 3.4e38), got " + v.dump());
                p.idf.push_back(v.is_number() && std::fabs(v.get<double>()) <= FLT_MAX ? float(v.get<double>()) : 0.0f);
            }
        if (int(p.idf.size()) != kTextBuckets)
            r.error("/features/idf", "expected " + std::to_string(kTextBuckets) + " numbers");
    }
    if (j.contains("parameters") && j["parameters"].is_array())
        for (size_t i = 0; i < j["parameters"].size(); ++i) {
            const auto& v = j["parameters"][i];
            if (!v.is_number() || !std::isfinite(v.get<double>()))
                r.error("/parameters/" + std::to_string(i), "expected a finite number");
            else
                p.parameters.push_back(v.get<double>());
        }
    if (r.ok() && int(p.parameters.size()) != p.parameterCount())
        r.error("/parameters", "expected " + std::to_string(p.parameterCount()) + " numbers for " +
                                   std::to_string(p.models.size()) + " models and " +
                                   std::to_string(p.categories.size()) + " categories, got " +
                                   std::to_string(p.parameters.size()));
    p.training = j.value("training", nlohmann::json::object());
    p.metrics = j.value("metrics", nlohmann::json::object());
    if (!r.ok()) return fail(ErrorKind::BadInput, where + ": not a usable coordinator policy", r.diagnostics());
    return p;
}

std::string CoordinatorPolicy::contentHash() const {
    nlohmann::json j = toJson();
    j.erase("version"), j.erase("metrics"), j.erase("training");
    return sha256Hex(j.dump());
}

} // namespace baton::core
