// SPDX-License-Identifier: MIT
#include "strategies/policy_object.h"
#include "util/file_io.h"
#include "util/json_text.h"

namespace baton::core {

Result<int> saveCoordinatorPolicy(SqliteDb& db, const CoordinatorPolicy& policy, int64_t nowMs) {
    StoredPolicy s;
    s.name = policy.name;
    s.tier = toString(policy.tier);
    s.lambda = policy.lambda;
    s.contentHash = policy.contentHash();
    s.trainingDataHash = policy.training.value("data_sha256", std::string());
    s.body = policy.toJson();
    s.createdAtMs = nowMs;
    return savePolicy(db, std::move(s));
}

Result<CoordinatorPolicy> loadCoordinatorPolicy(SqliteDb& db, const std::string& name, std::optional<int> version) {
    auto stored = loadPolicy(db, name, version);
    if (!stored) return std::unexpected(stored.error());
    auto policy = CoordinatorPolicy::fromJson(stored->body, "policy " + name + "@" + std::to_string(stored->version));
    if (!policy) return std::unexpected(policy.error());
    policy->version = stored->version;
    return policy;
}

Status exportCoordinatorPolicy(const CoordinatorPolicy& policy, const std::string& path) {
    return writeFileAtomically(path, policy.toJson().dump(2) + "\n");
}

Result<CoordinatorPolicy> importCoordinatorPolicy(const std::string& path) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(text.error());
    auto json = parseJsonText(*text, path);
    if (!json) return std::unexpected(json.error());
    return CoordinatorPolicy::fromJson(*json, path);
}

} // namespace baton::core
