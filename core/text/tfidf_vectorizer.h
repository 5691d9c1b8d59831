// SPDX-License-Identifier: MIT
#pragma once
/// TfidfVectorizer: lowercased words hashed into buckets, weighted by (1 + log tf) x idf with the
/// idf fitted on a set of documents, L2-normalised. The text features of similarity routing and
/// of learned routers; its weights can be saved and read back.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace baton::core {

/// (bucket, weight) pairs sorted by bucket.
using SparseVector = std::vector<std::pair<int, float>>;

class TfidfVectorizer {
public:
    explicit TfidfVectorizer(const std::vector<std::string>& documents, int buckets = 4096);
    /// A vectorizer with saved idf weights (one per bucket).
    explicit TfidfVectorizer(std::vector<float> idf) : m_idf(std::move(idf)) {}

    SparseVector vectorize(std::string_view text) const;
    int buckets() const { return int(m_idf.size()); }
    const std::vector<float>& idf() const { return m_idf; }

    static double dot(const SparseVector& a, const SparseVector& b);

private:
    std::vector<float> m_idf;
};

} // namespace baton::core
