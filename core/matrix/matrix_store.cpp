// SPDX-License-Identifier: MIT
#include "matrix/matrix_store.h"
#include "store/schema_layout.h"
#include "util/json_reader.h"
#include "util/json_text.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <type_traits>

namespace baton::core {

namespace {

constexpr const char* kCreate = R"sql(
CREATE TABLE IF NOT EXISTS matrices (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    source_file TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    importer_version TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    item_count INTEGER NOT NULL,
    model_count INTEGER NOT NULL,
    cell_count INTEGER NOT NULL,
    meta TEXT NOT NULL,        -- JSON: models, items, categories, prompts, scorers, points, notes
    cells BLOB NOT NULL        -- the cell columns, see encodeMatrixCells
);)sql";

template <class T> void put(std::string& out, const std::vector<T>& v) {
    uint64_t n = v.size();
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

template <class T> bool get(std::string_view& in, std::vector<T>& v) {
    uint64_t n = 0;
    if (in.size() < sizeof n) return false;
    std::memcpy(&n, in.data(), sizeof n);
    in.remove_prefix(sizeof n);
    if (in.size() / sizeof(T) < n) return false;
    v.resize(n);
    if (n) std::memcpy(v.data(), in.data(), n * sizeof(T)); // an empty vector's data() may be null
    in.remove_prefix(n * sizeof(T));
    return true;
}

nlohmann::json metaJson(const OutcomeMatrix& m) {
    nlohmann::json points = nlohmann::json::array();
    for (const auto& p : m.points)
        points.push_back({{"model", p.model}, {"category", p.category}, {"accuracy", p.accuracy},
                          {"cost_usd", std::isnan(p.costUsd) ? nlohmann::json() : nlohmann::json(p.costUsd)},
                          {"n", p.n}});
    return {{"version", 1},          {"models", m.models},       {"items", m.itemIds},
            {"item_category", m.itemCategory}, {"categories", m.categories}, {"prompts", m.prompts},
            {"scorers", m.scorerNames}, {"points", points},      {"notes", m.provenance.notes}};
}

/// The list `key` of the meta, each element checked: a damaged row is an error, never a throw.
template <class T> void readList(JsonReader& r, const Json& meta, const char* key, std::vector<T>& out) {
    const Json* list = r.array(meta, "", key, JsonReader::Need::Required);
    if (!list) return;
    for (size_t i = 0; i < list->size(); ++i) {
        const Json& v = (*list)[i];
        if constexpr (std::is_same_v<T, std::string>) {
            if (v.is_string()) {
                out.push_back(v.get<std::string>());
                continue;
            }
            r.error(JsonReader::child("/" + std::string(key), i), "expected a string, got " + JsonReader::describe(v));
        } else {
            if (v.is_number_unsigned() && v.get<uint64_t>() <= std::numeric_limits<T>::max()) {
                out.push_back(T(v.get<uint64_t>()));
                continue;
            }
            r.error(JsonReader::child("/" + std::string(key), i),
                    "expected a whole number from 0, got " + JsonReader::describe(v));
        }
        return; // the first problem of a list is enough to say where it is damaged
    }
}

/// The item and model lists, categories, prompts, scorers, points and notes saved by metaJson,
/// checked against each other. `where` names the row. Errors: BadInput saying what is wrong and at
/// which JSON path of the meta.
Status readMeta(std::string_view text, const std::string& where, OutcomeMatrix& m) {
    auto damaged = [&](const std::string& what, std::vector<Diagnostic> problems = {}) {
        return fail(ErrorKind::BadInput, where + " is damaged: " + what + "; import it again", std::move(problems));
    };
    auto parsed = parseJsonText(text, "its meta");
    if (!parsed) return damaged(parsed.error().message);
    const Json& j = *parsed;
    if (!j.is_object()) return damaged("its meta is " + JsonReader::describe(j) + ", not an object");
    JsonReader r("meta");
    auto version = r.integer(j, "", "version", JsonReader::Need::Required);
    if (version && *version > 1) return fail(ErrorKind::BadInput, where + " was saved by a newer Baton; upgrade");
    if (version && *version != 1) r.error("/version", "expected 1, got " + std::to_string(*version));
    readList(r, j, "models", m.models);
    readList(r, j, "items", m.itemIds);
    readList(r, j, "item_category", m.itemCategory);
    readList(r, j, "categories", m.categories);
    readList(r, j, "prompts", m.prompts);
    readList(r, j, "scorers", m.scorerNames);
    readList(r, j, "notes", m.provenance.notes);
    const Json* points = r.array(j, "", "points", JsonReader::Need::Required);
    for (size_t i = 0; points && i < points->size() && r.ok(); ++i) {
        std::string at = JsonReader::child("/points", i);
        const Json& p = (*points)[i];
        if (!p.is_object()) {
            r.error(at, "expected an object, got " + JsonReader::describe(p));
            break;
        }
        auto model = r.string(p, at, "model", JsonReader::Need::Required);
        auto category = r.string(p, at, "category", JsonReader::Need::Required);
        auto accuracy = r.number(p, at, "accuracy", JsonReader::Need::Required);
        auto cost = r.number(p, at, "cost_usd", JsonReader::Need::Optional); // null: unknown
        auto n = r.integer(p, at, "n", JsonReader::Need::Required);
        if (r.ok())
            m.points.push_back(
                {*model, *category, *accuracy, cost.value_or(std::numeric_limits<double>::quiet_NaN()), *n});
    }
    if (r.ok() && m.itemCategory.size() != m.itemIds.size())
        r.error("/item_category", std::to_string(m.itemCategory.size()) + " categories for " +
                                      std::to_string(m.itemIds.size()) + " items");
    for (size_t i = 0; r.ok() && i < m.itemCategory.size(); ++i)
        if (m.itemCategory[i] >= m.categories.size())
            r.error(JsonReader::child("/item_category", i),
                    "category " + std::to_string(m.itemCategory[i]) + " of " + std::to_string(m.categories.size()));
    if (r.ok() && !m.prompts.empty() && m.prompts.size() != m.itemIds.size())
        r.error("/prompts",
                std::to_string(m.prompts.size()) + " prompts for " + std::to_string(m.itemIds.size()) + " items");
    if (r.ok()) return {};
    const Diagnostic& first = r.diagnostics().front();
    return damaged("meta " + first.location + ": " + first.message, r.diagnostics());
}

} // namespace

std::string encodeMatrixCells(const OutcomeMatrix& m) {
    std::string out;
    put(out, m.grade), put(out, m.costUsd), put(out, m.latencyMs), put(out, m.inputTokens), put(out, m.outputTokens);
    put(out, m.responseEnd);
    put(out, std::vector<char>(m.responseText.begin(), m.responseText.end()));
    for (const auto& s : m.scorers)
        put(out, s);
    return out;
}

Status decodeMatrixCells(std::string_view in, OutcomeMatrix& m) {
    std::vector<char> text;
    bool ok = get(in, m.grade) && get(in, m.costUsd) && get(in, m.latencyMs) && get(in, m.inputTokens) &&
              get(in, m.outputTokens) && get(in, m.responseEnd) && get(in, text);
    m.scorers.resize(m.scorerNames.size());
    for (auto& s : m.scorers)
        ok = ok && get(in, s);
    size_t cells = m.itemIds.size() * m.models.size();
    // Every column is read by cell index, and a response by its end offsets: a column of another
    // length, or offsets past the text, would be read out of bounds.
    ok = ok && m.grade.size() == cells && m.costUsd.size() == cells && m.latencyMs.size() == cells &&
         m.inputTokens.size() == cells && m.outputTokens.size() == cells &&
         (m.responseEnd.empty() || m.responseEnd.size() == cells) &&
         std::is_sorted(m.responseEnd.begin(), m.responseEnd.end()) &&
         (m.responseEnd.empty() || m.responseEnd.back() <= text.size());
    for (const auto& s : m.scorers)
        ok = ok && s.size() == cells;
    if (!ok) return fail(ErrorKind::BadInput, "the stored matrix \"" + m.name + "\" is damaged; import it again");
    m.responseText.assign(text.begin(), text.end());
    return {};
}

Result<int64_t> saveMatrix(SqliteDb& db, const OutcomeMatrix& m, const std::string& name) {
    if (auto created = db.exec(kCreate); !created) return std::unexpected(created.error());
    auto exists = db.prepare("SELECT id FROM matrices WHERE name = ?");
    if (!exists) return std::unexpected(exists.error());
    exists->bind(1, name);
    auto row = exists->step();
    if (!row) return std::unexpected(row.error());
    if (*row)
        return fail(ErrorKind::BadInput, "a matrix named \"" + name + "\" is already in " + db.path() +
                                             "; choose another --name");
    auto insert = db.prepare("INSERT INTO matrices (name, format, source_file, source_sha256, importer_version, "
                             "imported_at, item_count, model_count, cell_count, meta, cells) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    const auto& p = m.provenance;
    insert->bind(1, name).bind(2, p.format).bind(3, p.sourceFile).bind(4, p.sourceSha256);
    insert->bind(5, p.importerVersion).bind(6, p.importedAt).bind(7, int64_t(m.itemCount()));
    insert->bind(8, int64_t(m.modelCount())).bind(9, int64_t(m.cellCount())).bind(10, metaJson(m).dump());
    std::string blob = encodeMatrixCells(m);
    // Through the raw handle: sqlite3_bind_blob64 binds the cells in place (Statement::bindBlob copies them
    // and takes an int size).
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db.handle(), "UPDATE matrices SET cells = ? WHERE id = ?", -1, &stmt, nullptr) != SQLITE_OK)
        return std::unexpected(db.errorFor(sqlite3_errcode(db.handle()), "preparing the matrix blob update"));
    insert->bind(11, std::string_view("", 0));
    if (auto done = insert->run(); !done) {
        sqlite3_finalize(stmt);
        return std::unexpected(done.error());
    }
    int64_t id = db.lastInsertId();
    sqlite3_bind_blob64(stmt, 1, blob.data(), blob.size(), SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, id);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) return std::unexpected(db.errorFor(rc, "saving the matrix cells"));
    return id;
}

Result<std::vector<StoredMatrixInfo>> listMatrices(SqliteDb& db) {
    std::vector<StoredMatrixInfo> list;
    auto has = hasTable(db, "matrices");
    if (!has) return std::unexpected(has.error());
    if (!*has) return list;
    auto q = db.prepare("SELECT id, name, format, source_file, source_sha256, importer_version, imported_at, "
                        "item_count, model_count, cell_count FROM matrices ORDER BY id");
    if (!q) return std::unexpected(q.error());
    while (true) {
        auto row = q->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        StoredMatrixInfo i;
        i.id = q->columnInt(0), i.name = q->columnText(1);
        i.provenance = {q->columnText(2), q->columnText(3), q->columnText(4), q->columnText(5), q->columnText(6), {}};
        i.items = q->columnInt(7), i.models = q->columnInt(8), i.cells = q->columnInt(9);
        list.push_back(std::move(i));
    }
    return list;
}

Result<OutcomeMatrix> loadMatrix(SqliteDb& db, const std::string& selector) {
    auto list = listMatrices(db);
    if (!list) return std::unexpected(list.error());
    const StoredMatrixInfo* found = nullptr;
    for (const auto& i : *list)
        if (i.name == selector || std::to_string(i.id) == selector) found = &i;
    if (!found)
        return fail(ErrorKind::NotFound, "no matrix \"" + selector + "\" in " + db.path() +
                                             "; list them with baton-cli matrix list --db DB");
    sqlite3_stmt* raw = nullptr; // raw: the cells are read in place, not copied (Statement::columnBlob copies)
    if (sqlite3_prepare_v2(db.handle(), "SELECT meta, cells FROM matrices WHERE id = ?", -1, &raw, nullptr) !=
        SQLITE_OK)
        return std::unexpected(db.errorFor(sqlite3_errcode(db.handle()), "reading a matrix"));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
    sqlite3_bind_int64(raw, 1, found->id);
    int rc = sqlite3_step(raw);
    if (rc != SQLITE_ROW) return std::unexpected(db.errorFor(rc, "reading a matrix"));
    const char* metaText = reinterpret_cast<const char*>(sqlite3_column_text(raw, 0));
    std::string_view meta(metaText ? metaText : "", size_t(sqlite3_column_bytes(raw, 0)));
    const void* blob = sqlite3_column_blob(raw, 1);
    std::string_view cells(blob ? static_cast<const char*>(blob) : "", size_t(sqlite3_column_bytes(raw, 1)));
    OutcomeMatrix m;
    m.name = found->name;
    m.provenance = found->provenance;
    std::string where =
        "the stored matrix \"" + m.name + "\" (id " + std::to_string(found->id) + " in " + db.path() + ")";
    if (auto read = readMeta(meta, where, m); !read) return std::unexpected(read.error());
    if (auto decoded = decodeMatrixCells(cells, m); !decoded) return std::unexpected(decoded.error());
    return m;
}

} // namespace baton::core
