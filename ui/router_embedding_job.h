// SPDX-License-Identifier: MIT
#pragma once
// The embedding step of a router trained on embeddings in the Replay lab, run on the training
// job's thread: the matrix's prompts embedded by a model of the current pool through the same
// core code as `baton-cli router train --features embeddings` (cached in the workspace by text
// hash and embedder, every request logged with its cost, the budget kept), over the job's own
// connection to the workspace.

#include "run/run_settings.h"
#include "strategies/matrix_embeddings.h"

#include <QString>
#include <functional>
#include <stop_token>

namespace baton::ui {

/// What the GUI thread snapshots before the job starts (keys looked up then, held in memory).
struct RouterEmbeddingChoice {
    core::ModelSpec model;
    core::RunEnvironment env;
    core::Money maxCost;
    std::string workspacePath;
    std::string purpose;
};

/// Embeds `matrix`'s prompts; `progress(done, total)` after each request. Errors: as
/// embedMatrixPrompts, or Io when the workspace cannot be opened.
core::Result<core::MatrixEmbeddings> embedMatrixForRouter(const RouterEmbeddingChoice& choice,
                                                          const core::OutcomeMatrix& matrix, std::stop_token stop,
                                                          std::function<void(int64_t, int64_t)> progress);

/// "N prompts by M (D dimensions): R embedding requests for T texts, C cached; cost $X" (or unknown, why).
QString describeEmbeddings(const core::MatrixEmbeddings& run);

} // namespace baton::ui
