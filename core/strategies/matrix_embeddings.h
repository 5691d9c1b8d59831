// SPDX-License-Identifier: MIT
#pragma once
/// Embedding features for training or evaluating a router: every distinct prompt of an outcome
/// matrix embedded by a pool model through embedTexts (cached in the workspace by text hash and
/// embedder, every request logged with its cost, the budget never exceeded). The one path of
/// `baton-cli router train|eval --features embeddings` and the Replay lab.

#include "learn/router_features.h"
#include "matrix/outcome_matrix.h"
#include "run/embedding_client.h"

#include <memory>

namespace baton::core {

struct MatrixEmbeddings {
    std::shared_ptr<const PromptEmbeddings> vectors; ///< by prompt
    EmbeddingResult stats;                           ///< its vectors moved into `vectors`
};

/// Embeds the matrix's distinct prompts by `model` (see embedTexts for `workspace`, the budget,
/// the stop token and progress). Blocks; not on the loop's own thread.
/// Errors: BadInput when the matrix has no prompts; else as embedTexts.
Result<MatrixEmbeddings> embedMatrixPrompts(HttpEventLoop& loop, const ModelSpec& model, const RunEnvironment& env,
                                            const PriceBook& prices, SqliteDb* workspace, const OutcomeMatrix& matrix,
                                            const EmbeddingOptions& options);

} // namespace baton::core
