// SPDX-License-Identifier: MIT
#include "learn/router_features.h"

#include <algorithm>

namespace baton::core {

RouterFeatures::RouterFeatures(const std::vector<std::string>& prompts, std::vector<std::string> categories,
                               int buckets)
    : m_text(prompts, buckets), m_categories(std::move(categories)) {}

RouterFeatures RouterFeatures::embeddings(std::string embedder, std::string model, int dims,
                                          std::shared_ptr<const PromptEmbeddings> vectors,
                                          std::vector<std::string> categories) {
    RouterFeatures f;
    f.m_embedder = std::move(embedder);
    f.m_embedderModel = std::move(model);
    f.m_dims = dims;
    f.m_vectors = std::move(vectors);
    f.m_categories = std::move(categories);
    return f;
}

bool RouterFeatures::covers(const std::string& prompt) const {
    return !usesEmbeddings() || (m_vectors && m_vectors->byPrompt.contains(prompt));
}

namespace {

void appendDense(SparseVector& v, const std::vector<float>& dense, int dims) {
    if (int(dense.size()) != dims) return;
    for (int k = 0; k < dims; ++k)
        if (dense[size_t(k)] != 0.f) v.emplace_back(k, dense[size_t(k)]);
}

} // namespace

void RouterFeatures::appendCategory(SparseVector& v, std::string_view category) const {
    auto it = std::find(m_categories.begin(), m_categories.end(), category);
    if (it != m_categories.end()) v.emplace_back(textDimension() + int(it - m_categories.begin()), 1.f);
}

SparseVector RouterFeatures::vectorize(std::string_view prompt, std::string_view category) const {
    SparseVector v;
    if (!usesEmbeddings())
        v = m_text.vectorize(prompt);
    else if (m_vectors) {
        auto it = m_vectors->byPrompt.find(std::string(prompt));
        if (it != m_vectors->byPrompt.end()) appendDense(v, it->second, m_dims);
    }
    appendCategory(v, category);
    return v;
}

SparseVector RouterFeatures::vectorize(const std::vector<float>& embedding, std::string_view category) const {
    SparseVector v;
    appendDense(v, embedding, m_dims);
    appendCategory(v, category);
    return v;
}

} // namespace baton::core
