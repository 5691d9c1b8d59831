// SPDX-License-Identifier: MIT
#pragma once
/// An embeddings request made as a call of a run (a strategy's CallRequest with `embedText`): the
/// request text logged for it, its reply read into a vector and token usage, and the workspace's
/// embedding cache as a run sees it (read on the run's reader connection, written through its
/// CallLogger; vectors made during the run are kept in memory too until their write is committed,
/// so a text repeated before the write lands is not embedded twice, and memory holds only the
/// vectors not written yet).

#include "model/token_usage.h"
#include "run/call_logger.h"
#include "store/sqlite_db.h"
#include "util/result.h"

#include <deque>
#include <future>
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
    /// Vectors held in memory: those made by this run whose write is not committed yet.
    size_t held() const { return m_made.size(); }

private:
    using Key = std::pair<std::string, std::string>; ///< (embedder, text hash)
    /// Forgets the vectors whose write was committed (the reader finds them); writes commit in
    /// order, so it stops at the first still pending. A failed write keeps its vector (the run
    /// stops on the write error).
    void forgetWritten();

    SqliteDb& m_reader;
    CallLogger& m_logger;
    std::map<Key, std::vector<float>> m_made;                        ///< this run's, not written yet
    std::deque<std::pair<Key, std::shared_future<Status>>> m_writes; ///< oldest first
};

} // namespace baton::core
