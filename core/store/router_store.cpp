// SPDX-License-Identifier: MIT
#include "store/router_store.h"
#include "store/statement_rows.h"
#include "util/printable.h"

#include <algorithm>

namespace baton::core {
namespace {

constexpr const char* kColumns = "name, version, created_at_ms, learner, features, models, calibration, "
                                 "training_data_hash, metrics, parameters";

StoredRouter rowOf(const Statement& s, bool withBody) {
    StoredRouter r;
    r.name = s.columnText(0);
    r.version = int(s.columnInt(1));
    r.createdAtMs = s.columnInt(2);
    r.learner = s.columnText(3);
    r.features = s.columnText(4);
    r.models = s.columnText(5);
    r.calibration = s.columnText(6);
    r.trainingDataHash = s.columnText(7);
    r.metrics = s.columnText(8);
    r.parameters = s.columnText(9);
    if (withBody) r.body = s.columnText(10);
    return r;
}

} // namespace

Result<int> saveRouter(SqliteDb& db, const StoredRouter& r) {
    // A name is printed by `router show` and the GUI: control characters would drive the terminal.
    bool control =
        std::any_of(r.name.begin(), r.name.end(), [](char c) { return (unsigned char)c < 0x20 || c == 0x7f; });
    if (r.name.empty() || r.name.find('@') != std::string::npos || control)
        return fail(ErrorKind::BadInput,
                    "router name \"" + printable(r.name) +
                        "\" is not usable: give a non-empty name without '@' or control characters");
    // A savepoint, not BEGIN: the StoreWriter runs operations inside its own transaction.
    if (auto ok = db.exec("SAVEPOINT save_router"); !ok) return std::unexpected(ok.error());
    auto latest = db.prepare("SELECT COALESCE(MAX(version), 0) FROM routers WHERE name = ?");
    if (!latest) return (void)db.exec("ROLLBACK TO save_router; RELEASE save_router"), std::unexpected(latest.error());
    latest->bind(1, r.name);
    auto row = latest->step();
    if (!row) return (void)db.exec("ROLLBACK TO save_router; RELEASE save_router"), std::unexpected(row.error());
    int version = int(latest->columnInt(0)) + 1;
    auto insert = db.prepare(std::string("INSERT INTO routers (") + kColumns + ", body) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    if (!insert) return (void)db.exec("ROLLBACK TO save_router; RELEASE save_router"), std::unexpected(insert.error());
    insert->bind(1, r.name).bind(2, int64_t(version)).bind(3, r.createdAtMs).bind(4, r.learner).bind(5, r.features);
    insert->bind(6, r.models).bind(7, r.calibration).bind(8, r.trainingDataHash).bind(9, r.metrics);
    insert->bind(10, r.parameters).bind(11, r.body);
    if (auto ok = insert->run(); !ok) return (void)db.exec("ROLLBACK TO save_router; RELEASE save_router"), std::unexpected(ok.error());
    if (auto ok = db.exec("RELEASE save_router"); !ok) return std::unexpected(ok.error());
    return version;
}

Result<StoredRouter> loadRouter(SqliteDb& db, const std::string& name, std::optional<int> version) {
    auto s = db.prepare(std::string("SELECT ") + kColumns + ", body FROM routers WHERE name = ?1 AND (?2 IS NULL OR version = ?2) "
                                                         "ORDER BY version DESC LIMIT 1");
    if (!s) return std::unexpected(s.error());
    s->bind(1, name);
    s->bind(2, version ? std::optional<int64_t>(*version) : std::nullopt);
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (*row) return rowOf(*s, true);
    std::string wanted = "router \"" + name + (version ? "@" + std::to_string(*version) : "") + "\"";
    auto all = listRouters(db);
    std::string known;
    if (all)
        for (const auto& r : *all)
            if (r.name == name || !version) known += (known.empty() ? "" : ", ") + r.name + "@" + std::to_string(r.version);
    return fail(ErrorKind::NotFound, wanted + " is not in the workspace " + db.path() + "; " +
                                         (known.empty() ? "train one with `baton-cli router train`"
                                                        : "it has " + known));
}

Result<std::vector<StoredRouter>> listRouters(SqliteDb& db) {
    auto s = db.prepare(std::string("SELECT ") + kColumns + " FROM routers ORDER BY name, version");
    if (!s) return std::unexpected(s.error());
    return readAllRows(*s, [](const Statement& row) { return rowOf(row, false); });
}

} // namespace baton::core
