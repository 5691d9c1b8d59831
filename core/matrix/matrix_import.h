// SPDX-License-Identifier: MIT
#pragma once
/// importMatrix: reads outcome files in one of the known formats into an OutcomeMatrix with its
/// provenance (source files, their SHA-256, importer version, date).
///
/// Formats: `long` (CSV or JSONL by extension), `wide` (RouterBench-style CSV), `routellm`
/// (RouteLLM response CSVs or a folder of them; the file name is the category), `zeroeval`
/// (ZeroEval gsm_correctness.csv), `mmlu-pro` (MMLU-Pro model output zips), `frugalgpt`
/// (FrugalGPT summary tables: per-model points, no cells).

#include "matrix/long_table_import.h"
#include "matrix/wide_csv_import.h"

#include <string>
#include <vector>

namespace baton::core {

constexpr const char* kMatrixImporterVersion = "1";

struct MatrixImportOptions {
    std::string format;
    LongColumns longColumns;
    WideColumns wideColumns;
    std::string excludePromptsFile; ///< JSONL whose `eval_prompt` fields are prompts to skip (RouteLLM)
};

/// Errors: NotFound for a missing file, BadInput listing every bad line, with file and line.
Result<OutcomeMatrix> importMatrix(const std::vector<std::string>& paths, const MatrixImportOptions& options);

/// The files a path stands for: itself, or the sorted `.csv`/`.zip` files under a folder.
std::vector<std::string> expandMatrixPaths(const std::vector<std::string>& paths, const std::string& extension);

/// The `eval_prompt` fields of a RouteLLM contaminated_prompts.jsonl.
Result<std::set<std::string>> loadExcludedPrompts(const std::string& path);

} // namespace baton::core
