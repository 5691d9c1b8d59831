// SPDX-License-Identifier: MIT
#include "store/task_set_sources.h"

namespace baton::core {

Result<std::optional<ImportedSource>> findImportedSource(SqliteDb& db, const std::string& sourceKey) {
    auto stmt = db.prepare("SELECT s.id, s.name, s.content_hash, s.item_count FROM task_set_sources src "
                           "JOIN task_sets s ON s.id = src.task_set_id WHERE src.source_key = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, sourceKey);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<ImportedSource>();
    return std::optional<ImportedSource>(
        ImportedSource{stmt->columnInt(0), stmt->columnText(1), stmt->columnText(2), stmt->columnInt(3)});
}

Status recordImportedSource(SqliteDb& db, const std::string& sourceKey, const std::string& fileSha256,
                            const std::string& optionsJson, int64_t taskSetId, int64_t nowMs) {
    auto stmt = db.prepare("INSERT OR REPLACE INTO task_set_sources(source_key, task_set_id, file_sha256, options, "
                           "recorded_at_ms) VALUES (?, ?, ?, ?, ?)");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, sourceKey).bind(2, taskSetId).bind(3, fileSha256).bind(4, optionsJson).bind(5, nowMs);
    return stmt->run();
}

} // namespace baton::core
