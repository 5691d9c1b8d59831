// SPDX-License-Identifier: MIT
#pragma once
/// What a learned router sees of an item: its prompt as hashed TF-IDF (the idf fitted on the
/// training prompts) or as an embedding vector from an embeddings endpoint (given per prompt by
/// the caller: this layer makes no call), followed by its category, one-hot (an unseen category
/// sets no bit).

#include "text/tfidf_vectorizer.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

namespace baton::core {

/// Embedding vectors of prompts, all from one embedder and of one dimension.
struct PromptEmbeddings {
    std::string embedder; ///< identity: provider, endpoint, remote model (never a key)
    std::string model;    ///< the pool model that made them
    int dims = 0;
    std::unordered_map<std::string, std::vector<float>> byPrompt;
};

class RouterFeatures {
public:
    static constexpr const char* kTfidf = "hashed-tfidf+category";
    static constexpr const char* kEmbeddings = "embeddings+category";

    RouterFeatures() : m_text(std::vector<float>{}) {}
    RouterFeatures(const std::vector<std::string>& prompts, std::vector<std::string> categories, int buckets = 4096);
    RouterFeatures(TfidfVectorizer text, std::vector<std::string> categories)
        : m_text(std::move(text)), m_categories(std::move(categories)) {}
    /// Embedding features: `vectors` may be null (a router read from a file); then only its
    /// identity is known and `vectorize` sees the category alone until vectors are attached.
    static RouterFeatures embeddings(std::string embedder, std::string model, int dims,
                                     std::shared_ptr<const PromptEmbeddings> vectors, std::vector<std::string> categories);

    SparseVector vectorize(std::string_view prompt, std::string_view category) const;
    /// Embedding features of an item whose prompt's vector the caller obtained (a pool's router
    /// embeds each item at run time); a vector of another dimension sees the category alone.
    SparseVector vectorize(const std::vector<float>& embedding, std::string_view category) const;
    int dimension() const { return textDimension() + int(m_categories.size()); }
    const std::vector<std::string>& categories() const { return m_categories; }
    const TfidfVectorizer& text() const { return m_text; }

    bool usesEmbeddings() const { return !m_embedder.empty(); }
    const char* kind() const { return usesEmbeddings() ? kEmbeddings : kTfidf; }
    const std::string& embedder() const { return m_embedder; }
    const std::string& embedderModel() const { return m_embedderModel; }
    int embeddingDims() const { return m_dims; }
    /// Whether `prompt` has its vector (always true for TF-IDF).
    bool covers(const std::string& prompt) const;
    void attach(std::shared_ptr<const PromptEmbeddings> vectors) { m_vectors = std::move(vectors); }

private:
    void appendCategory(SparseVector& v, std::string_view category) const;
    int textDimension() const { return usesEmbeddings() ? m_dims : m_text.buckets(); }
    TfidfVectorizer m_text;
    std::vector<std::string> m_categories;
    std::string m_embedder, m_embedderModel;
    int m_dims = 0;
    std::shared_ptr<const PromptEmbeddings> m_vectors;
};

} // namespace baton::core
