// SPDX-License-Identifier: MIT
#pragma once
/// What a learned router sees of an item: its prompt as hashed TF-IDF (the idf fitted on the
/// training prompts) followed by its category, one-hot (an unseen category sets no bit).

#include "text/tfidf_vectorizer.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace baton::core {

class RouterFeatures {
public:
    RouterFeatures() : m_text(std::vector<float>{}) {}
    RouterFeatures(const std::vector<std::string>& prompts, std::vector<std::string> categories, int buckets = 4096);
    RouterFeatures(TfidfVectorizer text, std::vector<std::string> categories)
        : m_text(std::move(text)), m_categories(std::move(categories)) {}

    SparseVector vectorize(std::string_view prompt, std::string_view category) const;
    int dimension() const { return m_text.buckets() + int(m_categories.size()); }
    const std::vector<std::string>& categories() const { return m_categories; }
    const TfidfVectorizer& text() const { return m_text; }

private:
    TfidfVectorizer m_text;
    std::vector<std::string> m_categories;
};

} // namespace baton::core
