// SPDX-License-Identifier: MIT
#include "matrix/matrix_store.h"

#include <cstring>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

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
    if (!ok || m.grade.size() != cells || m.costUsd.size() != cells)
        return fail(ErrorKind::BadInput, "the stored matrix \"" + m.name + "\" is damaged; import it again");
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
    // Statement binds text only; the blob goes through the raw handle.
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
    auto has = db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'matrices'");
    if (!has) return std::unexpected(has.error());
    if (*has == 0) return list;
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
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db.handle(), "SELECT meta, cells FROM matrices WHERE id = ?", -1, &stmt, nullptr) != SQLITE_OK)
        return std::unexpected(db.errorFor(sqlite3_errcode(db.handle()), "reading a matrix"));
    sqlite3_bind_int64(stmt, 1, found->id);
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(stmt);
        return std::unexpected(db.errorFor(rc, "reading a matrix"));
    }
    std::string meta(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), size_t(sqlite3_column_bytes(stmt, 0)));
    std::string_view cells(static_cast<const char*>(sqlite3_column_blob(stmt, 1)), size_t(sqlite3_column_bytes(stmt, 1)));
    OutcomeMatrix m;
    m.name = found->name;
    m.provenance = found->provenance;
    auto j = nlohmann::json::parse(meta, nullptr, false);
    Status decoded;
    if (j.is_discarded() || j.value("version", 0) != 1) {
        decoded = fail(ErrorKind::BadInput, "matrix \"" + m.name + "\" was saved by a newer Baton; upgrade");
    } else {
        m.models = j["models"].get<std::vector<std::string>>();
        m.itemIds = j["items"].get<std::vector<std::string>>();
        m.itemCategory = j["item_category"].get<std::vector<uint32_t>>();
        m.categories = j["categories"].get<std::vector<std::string>>();
        m.prompts = j["prompts"].get<std::vector<std::string>>();
        m.scorerNames = j["scorers"].get<std::vector<std::string>>();
        m.provenance.notes = j["notes"].get<std::vector<std::string>>();
        for (const auto& p : j["points"])
            m.points.push_back({p["model"], p["category"], p["accuracy"],
                                p["cost_usd"].is_null() ? std::numeric_limits<double>::quiet_NaN()
                                                        : p["cost_usd"].get<double>(),
                                p["n"]});
        decoded = decodeMatrixCells(cells, m);
    }
    sqlite3_finalize(stmt);
    if (!decoded) return std::unexpected(decoded.error());
    return m;
}

} // namespace baton::core
