// SPDX-License-Identifier: MIT
#include "store/embedding_cache.h"
#include "store/statement_rows.h"

#include <bit>
#include <cstring>

namespace baton::core {
namespace {

static_assert(std::endian::native == std::endian::little, "embedding_cache stores little-endian float32");

std::string bytesOf(const std::vector<float>& v) {
    std::string bytes(v.size() * sizeof(float), '\0');
    if (!v.empty()) std::memcpy(bytes.data(), v.data(), bytes.size());
    return bytes;
}

std::vector<float> vectorOf(const std::string& bytes) {
    std::vector<float> v(bytes.size() / sizeof(float));
    if (!v.empty()) std::memcpy(v.data(), bytes.data(), v.size() * sizeof(float));
    return v;
}

Status rollback(SqliteDb& db, const Error& error) {
    (void)db.exec("ROLLBACK TO store_embeddings; RELEASE store_embeddings");
    return std::unexpected(error);
}

} // namespace

Result<std::unordered_map<std::string, std::vector<float>>>
lookupEmbeddings(SqliteDb& db, const std::string& embedder, const std::vector<std::string>& textHashes) {
    std::unordered_map<std::string, std::vector<float>> found;
    auto s = db.prepare("SELECT dims, vector FROM embedding_cache WHERE text_sha256 = ? AND embedder = ?");
    if (!s) return std::unexpected(s.error());
    for (const auto& hash : textHashes) {
        if (found.contains(hash)) continue;
        s->reset();
        s->bind(1, hash).bind(2, embedder);
        auto row = s->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) continue;
        auto dims = s->columnInt(0);
        std::string bytes = s->columnBlob(1);
        if (dims <= 0 || bytes.size() != size_t(dims) * sizeof(float))
            return fail(ErrorKind::Io, db.path() + ": embedding_cache row for " + hash.substr(0, 12) +
                                           "... is damaged (" + std::to_string(bytes.size()) + " bytes for " +
                                           std::to_string(dims) + " dimensions)");
        found.emplace(hash, vectorOf(bytes));
    }
    s->reset();
    return found;
}

Status storeEmbeddings(SqliteDb& db, const std::string& embedder,
                       const std::vector<std::pair<std::string, std::vector<float>>>& vectors, int64_t nowMs) {
    // A savepoint, not BEGIN: a caller may already be inside a transaction.
    if (auto ok = db.exec("SAVEPOINT store_embeddings"); !ok) return ok;
    auto s = db.prepare("INSERT OR REPLACE INTO embedding_cache (text_sha256, embedder, dims, vector, created_at_ms) "
                        "VALUES (?,?,?,?,?)");
    if (!s) return rollback(db, s.error());
    for (const auto& [hash, vector] : vectors) {
        s->bind(1, hash).bind(2, embedder).bind(3, int64_t(vector.size())).bindBlob(4, bytesOf(vector)).bind(5, nowMs);
        if (auto ok = s->run(); !ok) return rollback(db, ok.error());
    }
    return db.exec("RELEASE store_embeddings");
}

Result<int64_t> logEmbeddingCall(SqliteDb& db, const EmbeddingCallRow& r) {
    auto s = db.prepare("INSERT INTO embedding_calls (at_ms, embedder, model, purpose, texts, http_status, prompt_tokens, "
                        "cost_usd, cost_unknown_reason, latency_ms, error) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    if (!s) return std::unexpected(s.error());
    s->bind(1, r.atMs).bind(2, r.embedder).bind(3, r.model).bind(4, r.purpose).bind(5, r.texts);
    s->bind(6, int64_t(r.httpStatus)).bind(7, r.promptTokens).bind(8, r.costUsd).bind(9, r.costUnknownReason);
    s->bind(10, r.latencyMs).bind(11, r.error);
    if (auto ok = s->run(); !ok) return std::unexpected(ok.error());
    return db.lastInsertId();
}

Result<std::vector<EmbeddingCallRow>> listEmbeddingCalls(SqliteDb& db) {
    auto s = db.prepare("SELECT id, at_ms, embedder, model, purpose, texts, http_status, prompt_tokens, cost_usd, "
                        "cost_unknown_reason, latency_ms, error FROM embedding_calls ORDER BY id");
    if (!s) return std::unexpected(s.error());
    return readAllRows(*s, [](const Statement& q) {
        EmbeddingCallRow r;
        r.id = q.columnInt(0), r.atMs = q.columnInt(1), r.embedder = q.columnText(2), r.model = q.columnText(3);
        r.purpose = q.columnText(4), r.texts = q.columnInt(5), r.httpStatus = long(q.columnInt(6));
        r.promptTokens = q.columnOptInt(7), r.costUsd = q.columnOptDouble(8), r.costUnknownReason = q.columnText(9);
        r.latencyMs = q.columnDouble(10), r.error = q.columnText(11);
        return r;
    });
}

} // namespace baton::core
