// SPDX-License-Identifier: MIT
#include "store/run_rows.h"

namespace baton::core {

std::string RunRows::table(std::string_view table, std::string_view alias) const {
    return std::string(table) + " " + std::string(alias) + (together() ? " NOT INDEXED" : "");
}

std::string RunRows::where(std::string_view alias, std::string_view key) const {
    std::string column = std::string(alias) + "." + std::string(key);
    if (!together()) return std::string(alias) + ".run_id = ?";
    return column + " BETWEEN " + std::to_string(first) + " AND " + std::to_string(last) + " AND " +
           std::string(alias) + ".run_id = ?";
}

Result<RunRows> findRunRows(SqliteDb& db, std::string_view table, std::string_view key, int64_t runId) {
    auto stmt = db.prepare("SELECT COUNT(*), MIN(" + std::string(key) + "), MAX(" + std::string(key) + ") FROM " +
                           std::string(table) + " WHERE run_id = ?");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, runId);
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    RunRows rows;
    if (*row && stmt->columnInt(0) > 0) rows = {stmt->columnInt(0), stmt->columnInt(1), stmt->columnInt(2)};
    return rows;
}

} // namespace baton::core
