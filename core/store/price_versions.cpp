// SPDX-License-Identifier: MIT
#include "store/price_versions.h"
#include "store/statement_rows.h"

namespace baton::core {
namespace {

constexpr const char* kColumns = "id, imported_at_ms, as_of, source, content_sha256, model_count";

PriceVersion rowOf(const Statement& s, bool withBook) {
    return {s.columnInt(0),
            s.columnInt(1),
            s.columnText(2),
            s.columnText(3),
            s.columnText(4),
            s.columnInt(5),
            withBook ? s.columnText(6) : std::string()};
}

Result<std::optional<PriceVersion>> findVersion(SqliteDb& db, const char* where, auto key, bool withBook) {
    auto s = db.prepare(std::string("SELECT ") + kColumns + ", book FROM price_versions WHERE " + where);
    if (!s) return std::unexpected(s.error());
    s->bind(1, key);
    auto row = s->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<PriceVersion>();
    return std::optional<PriceVersion>(rowOf(*s, withBook));
}

std::string versionList(SqliteDb& db) {
    auto all = listPriceVersions(db);
    if (!all || all->empty())
        return "it has none; store one with `baton-cli prices import FILE --db " + db.path() + "`";
    std::string known;
    for (const auto& v : *all)
        known += (known.empty() ? "" : ", ") + std::to_string(v.id) + " (as of " + v.asOf + ")";
    return "it has " + known + "; list them with `baton-cli prices versions --db " + db.path() + "`";
}

} // namespace

Result<SavedPriceVersion> savePriceVersion(SqliteDb& db, const PriceVersion& v) {
    if (v.sha256.empty() || v.book.empty())
        return fail(ErrorKind::BadInput, "a price version needs the SHA-256 of its content and its price book");
    // A conflict on the content's SHA-256 inserts nothing: changes() then says 0.
    auto insert = db.prepare("INSERT INTO price_versions (imported_at_ms, as_of, source, content_sha256, model_count, "
                             "book) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(content_sha256) DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    insert->bind(1, v.importedAtMs).bind(2, v.asOf).bind(3, v.source).bind(4, v.sha256);
    insert->bind(5, v.modelCount).bind(6, v.book);
    if (auto ok = insert->run(); !ok) return std::unexpected(ok.error());
    auto changed = db.queryInt("SELECT changes()");
    if (!changed) return std::unexpected(changed.error());
    auto stored = findVersion(db, "content_sha256 = ?", std::string_view(v.sha256), false);
    if (!stored) return std::unexpected(stored.error());
    if (!*stored) return fail(ErrorKind::Io, db.path() + ": the price version just stored cannot be read back");
    return SavedPriceVersion{**stored, *changed > 0};
}

Result<std::vector<PriceVersion>> listPriceVersions(SqliteDb& db) {
    auto s = db.prepare(std::string("SELECT ") + kColumns + " FROM price_versions ORDER BY as_of DESC, id DESC");
    if (!s) return std::unexpected(s.error());
    return readAllRows(*s, [](const Statement& row) { return rowOf(row, false); });
}

Result<PriceVersion> loadPriceVersion(SqliteDb& db, int64_t id) {
    auto found = findVersion(db, "id = ?", id, true);
    if (!found) return std::unexpected(found.error());
    if (*found) return **found;
    return fail(ErrorKind::NotFound,
                "no price version " + std::to_string(id) + " in the workspace " + db.path() + "; " + versionList(db));
}

} // namespace baton::core
