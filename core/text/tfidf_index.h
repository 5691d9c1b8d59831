// SPDX-License-Identifier: MIT
#pragma once
/// TfidfIndex: nearest neighbours by cosine similarity (brute force) over TF-IDF vectors, the
/// built-in similarity of similarity routing when no embedding endpoint is configured.

#include "text/tfidf_vectorizer.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace baton::core {

class TfidfIndex {
public:
    explicit TfidfIndex(const std::vector<std::string>& documents, int buckets = 4096);
    /// The k most similar documents to `text` as (index, cosine), best first; `skip` returns true
    /// for documents to leave out (the item itself).
    template <class Skip>
    std::vector<std::pair<size_t, double>> nearest(std::string_view text, size_t k, Skip skip) const;
    size_t size() const { return m_vectors.size(); }

private:
    TfidfVectorizer m_vectorizer;
    std::vector<SparseVector> m_vectors;
};

template <class Skip>
std::vector<std::pair<size_t, double>> TfidfIndex::nearest(std::string_view text, size_t k, Skip skip) const {
    SparseVector q = m_vectorizer.vectorize(text);
    std::vector<std::pair<size_t, double>> scored;
    for (size_t i = 0; i < m_vectors.size(); ++i)
        if (!skip(i)) scored.emplace_back(i, TfidfVectorizer::dot(q, m_vectors[i]));
    size_t keep = std::min(k, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + long(keep), scored.end(), [](const auto& a, const auto& b) {
        return a.second > b.second || (a.second == b.second && a.first < b.first);
    });
    scored.resize(keep);
    return scored;
}

} // namespace baton::core
