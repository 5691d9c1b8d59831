// SPDX-License-Identifier: MIT
#include "run/embedding_call.h"
#include "store/embedding_cache.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

namespace baton::core {

std::string embeddingsRequestText(const std::string& embedder, const std::string& text) {
    return nlohmann::json{{"embeddings", {{"embedder", embedder}, {"input", nlohmann::json::array({text})}}}}.dump();
}

std::string embeddingsResponseText(size_t dims, bool cached) {
    return "a " + std::to_string(dims) + "-dimensional embedding" +
           (cached ? " from the workspace's embedding cache" : ", kept in the workspace's embedding cache");
}

TokenUsage embeddingsUsage(std::optional<int64_t> promptTokens) {
    TokenUsage usage;
    usage.input = promptTokens;
    usage.cachedInput = usage.cacheWrite = usage.output = usage.reasoning = int64_t(0);
    return usage;
}

std::optional<std::vector<float>> RunEmbeddingCache::lookup(const std::string& embedder, const std::string& textHash) {
    forgetWritten();
    if (auto made = m_made.find({embedder, textHash}); made != m_made.end()) return made->second;
    auto found = lookupEmbeddings(m_reader, embedder, {textHash});
    if (!found) return std::nullopt;
    auto it = found->find(textHash);
    if (it == found->end() || it->second.empty()) return std::nullopt;
    return std::move(it->second);
}

void RunEmbeddingCache::store(const std::string& embedder, const std::string& textHash, std::vector<float> vector,
                              int64_t nowMs) {
    forgetWritten();
    Key key{embedder, textHash};
    m_made[key] = vector;
    auto written = m_logger.submit([embedder, textHash, vector = std::move(vector), nowMs](SqliteDb& db) {
        std::vector<std::pair<std::string, std::vector<float>>> one;
        one.emplace_back(textHash, vector);
        return storeEmbeddings(db, embedder, one, nowMs);
    });
    m_writes.emplace_back(std::move(key), std::move(written));
}

void RunEmbeddingCache::forgetWritten() {
    while (!m_writes.empty()) {
        auto& [key, written] = m_writes.front();
        if (written.wait_for(std::chrono::seconds(0)) != std::future_status::ready || !written.get()) return;
        // A later store of the same text (a write that failed and was redone) keeps its own entry.
        if (std::none_of(m_writes.begin() + 1, m_writes.end(), [&](const auto& w) { return w.first == key; }))
            m_made.erase(key);
        m_writes.pop_front();
    }
}

} // namespace baton::core
