// SPDX-License-Identifier: MIT
#include "text/tfidf_index.h"

namespace baton::core {

TfidfIndex::TfidfIndex(const std::vector<std::string>& documents, int buckets) : m_vectorizer(documents, buckets) {
    m_vectors.reserve(documents.size());
    for (const auto& d : documents)
        m_vectors.push_back(m_vectorizer.vectorize(d));
}

} // namespace baton::core
