#pragma once
/// TfidfIndex: the built-in text vectoriser for similarity routing when no embedding endpoint
/// is configured: lowercased words hashed into buckets, TF-IDF weighted, L2-normalised; nearest
/// neighbours by cosine similarity (brute force).

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
    using SparseVector = std::vector<std::pair<int, float>>; // sorted by bucket
    SparseVector vectorize(std::string_view text) const;
    static double dot(const SparseVector& a, const SparseVector& b);

    int m_buckets;
    std::vector<float> m_idf;
    std::vector<SparseVector> m_vectors;
};

template <class Skip>
std::vector<std::pair<size_t, double>> TfidfIndex::nearest(std::string_view text, size_t k, Skip skip) const {
    SparseVector q = vectorize(text);
    std::vector<std::pair<size_t, double>> scored;
    for (size_t i = 0; i < m_vectors.size(); ++i)
        if (!skip(i)) scored.emplace_back(i, dot(q, m_vectors[i]));
    size_t keep = std::min(k, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + long(keep), scored.end(), [](const auto& a, const auto& b) {
        return a.second > b.second || (a.second == b.second && a.first < b.first);
    });
    scored.resize(keep);
    return scored;
}

} // namespace baton::core
