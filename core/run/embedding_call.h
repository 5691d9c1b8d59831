// SPDX-License-Identifier: MIT
#pragma once
/// An embeddings request made as a call of a run (a strategy's CallRequest with `embedText`): the
/// request text logged for it, its reply read into a vector and token usage, and the workspace's
/// embedding cache as a run sees it (read on the run's reader connection, written through its
/// CallLogger; vectors made during the run are kept in memory too, so a text repeated before the
/// write lands is not embedded twice).

#include "model/token_usage.h"
#include "run/call_logger.h"
#include "store/sqlite_db.h"
#include "util/result.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace baton::core {

/// The logged request of embedding `text` with `embedder` (an identity: never a key or a port).
std::string embeddingsRequestText(const std::string& embedder, const std::string& text);
/// The logged response of an embeddings call: what came back, not the vector itself (that is in
/// the embedding cache, keyed by the text's SHA-256 and the embedder).
std::string embeddingsResponseText(size_t dims, bool cached);
/// Usage of an embeddings request: `promptTokens` input tokens (nullopt when not reported: the
/// cost is then unknown) and nothing else.
TokenUsage embeddingsUsage(std::optional<int64_t> promptTokens);

class RunEmbeddingCache {
public:
    RunEmbeddingCache(SqliteDb& reader, CallLogger& logger) : m_reader(reader), m_logger(logger) {}

    /// The cached vector of the text whose SHA-256 is `textHash`, by `embedder`. A row that cannot
    /// be read counts as absent (the text is embedded again and the row replaced).
    std::optional<std::vector<float>> lookup(const std::string& embedder, const std::string& textHash);
    void store(const std::string& embedder, const std::string& textHash, std::vector<float> vector, int64_t nowMs);

private:
    SqliteDb& m_reader;
    CallLogger& m_logger;
    std::map<std::pair<std::string, std::string>, std::vector<float>> m_made; ///< this run's, by (embedder, hash)
};

} // namespace baton::core
