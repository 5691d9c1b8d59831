// SPDX-License-Identifier: MIT
#include "store/policy_store.h"

namespace baton::core {
namespace {

constexpr const char* kColumns =
    "name, version, tier, lambda, content_hash, training_data_hash, body, created_at_ms FROM coordinator_policies";

Result<StoredPolicy> readRow(Statement& s) {
    StoredPolicy p;
    p.name = s.columnText(0);
    p.version = int(s.columnInt(1));
    p.tier = s.columnText(2);
    p.lambda = s.columnDouble(3);
    p.contentHash = s.columnText(4);
    p.trainingDataHash = s.columnText(5);
    p.body = nlohmann::json::parse(s.columnText(6), nullptr, false);
    p.createdAtMs = s.columnInt(7);
    if (p.body.is_discarded())
        return fail(ErrorKind::BadInput, "policy " + p.name + "@" + std::to_string(p.version) +
                                             " is damaged in the workspace (its JSON cannot be read)");
    return p;
}

} // namespace

Result<int> savePolicy(SqliteDb& db, StoredPolicy policy) {
    auto latest = db.prepare("SELECT COALESCE(MAX(version), 0) FROM coordinator_policies WHERE name = ?");
    if (!latest) return std::unexpected(latest.error());
    latest->bind(1, policy.name);
    auto row = latest->step();
    if (!row) return std::unexpected(row.error());
    policy.version = int(latest->columnInt(0)) + 1;
    policy.body["version"] = policy.version;
    auto insert = db.prepare("INSERT INTO coordinator_policies(name, version, tier, lambda, content_hash, "
                             "training_data_hash, body, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    insert->bind(1, policy.name)
        .bind(2, int64_t(policy.version))
        .bind(3, policy.tier)
        .bind(4, policy.lambda)
        .bind(5, policy.contentHash)
        .bind(6, policy.trainingDataHash)
        .bind(7, policy.body.dump())
        .bind(8, policy.createdAtMs);
    if (auto ok = insert->run(); !ok) return std::unexpected(ok.error());
    return policy.version;
}

Result<StoredPolicy> loadPolicy(SqliteDb& db, const std::string& name, std::optional<int> version) {
    auto stmt = db.prepare(std::string("SELECT ") + kColumns + " WHERE name = ? " +
                           (version ? "AND version = ?" : "ORDER BY version DESC LIMIT 1"));
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, name);
    if (version) stmt->bind(2, int64_t(*version));
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (*row) return readRow(*stmt);
    auto all = listPolicies(db);
    std::string there;
    if (all)
        for (const auto& p : *all)
            there += (there.empty() ? "" : ", ") + p.name + "@" + std::to_string(p.version);
    std::string wanted = version ? name + "@" + std::to_string(*version) : name;
    return fail(ErrorKind::NotFound, "no coordinator policy \"" + wanted + "\" in the workspace" +
                                         (there.empty() ? " (it has none; train one with baton-cli coordinator train)"
                                                        : " (it has: " + there + ")"));
}

Result<std::vector<StoredPolicy>> listPolicies(SqliteDb& db) {
    auto stmt = db.prepare(std::string("SELECT ") + kColumns + " ORDER BY name, version");
    if (!stmt) return std::unexpected(stmt.error());
    std::vector<StoredPolicy> out;
    while (true) {
        auto row = stmt->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        auto p = readRow(*stmt);
        if (!p) return std::unexpected(p.error());
        out.push_back(std::move(*p));
    }
    return out;
}

} // namespace baton::core
