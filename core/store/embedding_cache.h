// SPDX-License-Identifier: MIT
#pragma once
/// Embeddings in the workspace (schema v10): vectors of texts keyed by the text's SHA-256 and the
/// embedder's identity (table `embedding_cache`), and one row per embeddings request made, with
/// its tokens and cost (table `embedding_calls`; cost NULL = unknown, never 0). No key is stored.

#include "store/sqlite_db.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace baton::core {

struct EmbeddingCallRow {
    int64_t id = 0; ///< assigned by the store
    int64_t atMs = 0;
    std::string embedder; ///< identity: provider, endpoint and remote model
    std::string model;    ///< the pool model's name
    std::string purpose;  ///< what the vectors were for, e.g. "router train"
    int64_t texts = 0;
    long httpStatus = 0; ///< 0 when no response arrived
    std::optional<int64_t> promptTokens;
    std::optional<double> costUsd; ///< nullopt: unknown
    std::string costUnknownReason;
    double latencyMs = 0;
    std::string error; ///< empty when the vectors arrived
};

/// The cached vectors among `textHashes` for `embedder` (absent hashes are not cached).
Result<std::unordered_map<std::string, std::vector<float>>>
lookupEmbeddings(SqliteDb& db, const std::string& embedder, const std::vector<std::string>& textHashes);
/// Keeps `vectors` (text hash, vector) for `embedder`; an existing entry is replaced.
Status storeEmbeddings(SqliteDb& db, const std::string& embedder,
                       const std::vector<std::pair<std::string, std::vector<float>>>& vectors, int64_t nowMs);
Result<int64_t> logEmbeddingCall(SqliteDb& db, const EmbeddingCallRow& row);
/// Every logged embeddings request, oldest first.
Result<std::vector<EmbeddingCallRow>> listEmbeddingCalls(SqliteDb& db);

} // namespace baton::core
