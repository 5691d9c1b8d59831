// SPDX-License-Identifier: MIT
#pragma once
/// OutcomeMatrix: items x models, each cell a grade in [0,1], cost, latency, tokens, response and
/// scorer values, any of which may be missing. Columnar and model-major (cell = model x items +
/// item) so that a replay walks contiguous arrays: 32 bytes per cell plus the response text.
/// Missing is never 0: a missing grade or cost is NaN, missing tokens are -1.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baton::core {

/// Where a matrix came from, saved with it.
struct MatrixProvenance {
    std::string format;          ///< importer: "long", "wide", "routellm", "zeroeval", "mmlu-pro", "run", ...
    std::string sourceFile;      ///< as the user named it (several joined by ", ")
    std::string sourceSha256;    ///< of the source bytes (several files: of their concatenated hashes)
    std::string importerVersion; ///< bumped when an importer's reading of a format changes
    std::string importedAt;      ///< ISO 8601 UTC
    std::vector<std::string> notes; ///< e.g. "ignored column 'foo'", "excluded 5 contaminated prompts"
};

/// A per-model point without per-item cells (FrugalGPT summary tables).
struct ModelPoint {
    std::string model;
    std::string category;
    double accuracy = 0;
    double costUsd = std::numeric_limits<double>::quiet_NaN();
    int64_t n = 0;
};

struct OutcomeMatrix {
    static constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

    std::string name;
    std::vector<std::string> models;
    std::vector<std::string> itemIds;
    std::vector<uint32_t> itemCategory; ///< index into categories, one per item
    std::vector<std::string> categories;
    std::vector<std::string> prompts; ///< one per item, or empty when no prompt is known

    // Cells, model-major: index = model * itemIds.size() + item.
    std::vector<float> grade;            ///< NaN = missing
    std::vector<double> costUsd;         ///< NaN = unknown
    std::vector<float> latencyMs;        ///< NaN = unknown
    std::vector<int32_t> inputTokens;    ///< -1 = unknown
    std::vector<int32_t> outputTokens;   ///< -1 = unknown
    std::vector<uint64_t> responseEnd;   ///< empty when no responses; else end offset of each cell's text
    std::string responseText;            ///< all responses, concatenated
    std::vector<std::string> scorerNames;
    std::vector<std::vector<float>> scorers; ///< per scorer, one value per cell, NaN = none

    std::vector<ModelPoint> points; ///< summary-only data
    MatrixProvenance provenance;

    size_t itemCount() const { return itemIds.size(); }
    size_t modelCount() const { return models.size(); }
    size_t cellCount() const { return grade.size(); }
    size_t cell(size_t item, size_t model) const { return model * itemIds.size() + item; }
    bool hasGrade(size_t item, size_t model) const { return !std::isnan(grade[cell(item, model)]); }
    std::string_view response(size_t item, size_t model) const;
    const std::string& categoryOf(size_t item) const { return categories[itemCategory[item]]; }
    std::optional<size_t> modelIndex(std::string_view model) const;
    std::optional<size_t> scorerIndex(std::string_view scorer) const;
    /// Cells with a grade.
    size_t presentCells() const;
    /// Memory of the cell columns divided by the cell count (response text excluded).
    double bytesPerCell() const;

    /// The same items with only `keep` models, in that order (what-if pools).
    OutcomeMatrix withModels(const std::vector<size_t>& keep) const;
    /// The same models with only `keep` items, in that order (splits).
    OutcomeMatrix withItems(const std::vector<size_t>& keep) const;
};

} // namespace baton::core
