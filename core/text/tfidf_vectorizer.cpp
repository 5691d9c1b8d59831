// SPDX-License-Identifier: MIT
#include "text/tfidf_vectorizer.h"
#include "util/rng.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace baton::core {
namespace {

std::map<int, float> termCounts(std::string_view text, int buckets) {
    std::map<int, float> counts;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) counts[int(hashParts({word}) % uint64_t(buckets))] += 1;
        word.clear();
    };
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            word += char(std::tolower(static_cast<unsigned char>(c)));
        else
            flush();
    }
    flush();
    return counts;
}

} // namespace

TfidfVectorizer::TfidfVectorizer(const std::vector<std::string>& documents, int buckets) : m_idf(size_t(buckets), 0) {
    std::vector<int> df(size_t(buckets), 0);
    for (const auto& d : documents)
        for (const auto& [b, n] : termCounts(d, buckets))
            ++df[size_t(b)];
    double n = double(documents.size());
    for (int b = 0; b < buckets; ++b)
        m_idf[size_t(b)] = float(std::log((n + 1) / (df[size_t(b)] + 1)) + 1);
}

SparseVector TfidfVectorizer::vectorize(std::string_view text) const {
    SparseVector v;
    double norm = 0;
    for (const auto& [b, tf] : termCounts(text, buckets())) {
        float w = (1 + std::log(tf)) * m_idf[size_t(b)];
        v.emplace_back(b, w);
        norm += double(w) * w;
    }
    for (auto& [b, w] : v)
        w = float(w / std::sqrt(std::max(norm, 1e-12)));
    return v;
}

double TfidfVectorizer::dot(const SparseVector& a, const SparseVector& b) {
    double sum = 0;
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].first == b[j].first)
            sum += double(a[i++].second) * b[j++].second;
        else if (a[i].first < b[j].first)
            ++i;
        else
            ++j;
    }
    return sum;
}

} // namespace baton::core
