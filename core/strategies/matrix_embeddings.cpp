// SPDX-License-Identifier: MIT
#include "strategies/matrix_embeddings.h"

#include <unordered_set>

namespace baton::core {

Result<MatrixEmbeddings> embedMatrixPrompts(HttpEventLoop& loop, const ModelSpec& model, const RunEnvironment& env,
                                            const PriceBook& prices, SqliteDb* workspace, const OutcomeMatrix& matrix,
                                            const EmbeddingOptions& options) {
    if (matrix.prompts.empty())
        return fail(ErrorKind::BadInput, "the matrix has no prompts; embedding features need the items' prompts "
                                         "(import a matrix with prompts, or use TF-IDF features)");
    std::vector<std::string> prompts;
    std::unordered_set<std::string> seen;
    for (const auto& p : matrix.prompts)
        if (seen.insert(p).second) prompts.push_back(p);

    auto got = embedTexts(loop, model, env, prices, workspace, prompts, options);
    if (!got) return std::unexpected(got.error());
    auto table = std::make_shared<PromptEmbeddings>();
    table->embedder = got->embedder;
    table->model = model.name;
    table->dims = got->dims;
    for (size_t i = 0; i < prompts.size(); ++i)
        table->byPrompt.emplace(prompts[i], std::move(got->vectors[i]));
    got->vectors.clear();
    return MatrixEmbeddings{std::move(table), std::move(*got)};
}

} // namespace baton::core
