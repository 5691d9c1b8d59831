// SPDX-License-Identifier: MIT
#include "learn/router_features.h"

#include <algorithm>

namespace baton::core {

RouterFeatures::RouterFeatures(const std::vector<std::string>& prompts, std::vector<std::string> categories,
                               int buckets)
    : m_text(prompts, buckets), m_categories(std::move(categories)) {}

SparseVector RouterFeatures::vectorize(std::string_view prompt, std::string_view category) const {
    SparseVector v = m_text.vectorize(prompt);
    auto it = std::find(m_categories.begin(), m_categories.end(), category);
    if (it != m_categories.end()) v.emplace_back(m_text.buckets() + int(it - m_categories.begin()), 1.f);
    return v;
}

} // namespace baton::core
