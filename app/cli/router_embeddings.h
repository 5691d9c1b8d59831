// SPDX-License-Identifier: MIT
#pragma once
// Embedding features for `router train` and `router eval` (--features embeddings --pool P
// --embedder MODEL --max-cost USD): every prompt of the matrix embedded through the pool model's endpoint,
// cached and logged in the workspace (--db), with the calls and their cost for the output.

#include "cli_args.h"
#include "learn/router_features.h"
#include "matrix/outcome_matrix.h"
#include "strategies/matrix_embeddings.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace baton::cli {

using RouterEmbeddingRun = core::MatrixEmbeddings;

/// nullopt for --features tfidf (the default). Bad options go to `bad` (a usage error).
core::Result<std::optional<RouterEmbeddingRun>> routerEmbeddings(const ParsedArgs& args, const core::OutcomeMatrix& m,
                                                                 const std::optional<std::string>& db,
                                                                 const std::string& purpose, std::string& bad);

nlohmann::json embeddingStatsJson(const RouterEmbeddingRun& run);
/// "embeddings: ..." for the text output.
std::string embeddingStatsText(const RouterEmbeddingRun& run);

/// The options' help, shared by both commands.
inline constexpr const char* kEmbeddingOptionsHelp =
    "--features tfidf|embeddings: the prompt's features, hashed TF-IDF (default) or embedding vectors\n"
    "from --embedder MODEL, a model of --pool P (a pool file, or demo) with an embeddings endpoint,\n"
    "under the budget --max-cost USD (required; each request's worst case is checked before it is sent)\n"
    "(OpenAI-compatible /embeddings, Gemini batchEmbedContents, the simulator; Anthropic has none).\n"
    "Keys as for runs (environment). Every prompt of the matrix is embedded once; vectors are cached\n"
    "in --db by text and embedder, so a text already embedded costs nothing, and every request is\n"
    "logged there with its tokens and cost (input price x tokens; unknown price = unknown cost).\n";

} // namespace baton::cli
