// SPDX-License-Identifier: MIT
#pragma once
/// MatrixBuilder: what every importer feeds, cell by cell, with the line each came from. It keeps
/// missing values missing, refuses a duplicate (item, model) naming both lines, and collects
/// every problem so that an import reports all bad lines at once.

#include "matrix/outcome_matrix.h"
#include "util/result.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace baton::core {

struct CellInput {
    std::optional<double> grade, costUsd, latencyMs;
    std::optional<int64_t> inputTokens, outputTokens;
    std::optional<std::string> response;
    std::vector<std::pair<std::string, double>> scorers; ///< scorer name -> value
};

class MatrixBuilder {
public:
    explicit MatrixBuilder(std::string fileName) : m_file(std::move(fileName)) {}

    /// The index of item `id`, added when new; an empty category or prompt never overwrites one.
    size_t item(std::string_view id, std::string_view category = {}, std::string_view prompt = {});
    size_t model(std::string_view name);
    /// Adds a cell. A grade outside [0,1] or a second cell for (item, model) is an error on `line`.
    void add(size_t item, size_t model, CellInput cell, size_t line);
    /// Room for about `cells` cells, so that a large import does not move them while growing.
    void reserve(size_t cells) { m_cells.reserve(cells); }
    void error(size_t line, std::string message);
    void note(std::string message) { m_notes.push_back(std::move(message)); }
    void addPoint(ModelPoint point) { m_points.push_back(std::move(point)); }
    const std::vector<Diagnostic>& problems() const { return m_problems; }
    size_t itemCount() const { return m_items.size(); }

    /// The matrix, or BadInput listing every problem.
    Result<OutcomeMatrix> finish(MatrixProvenance provenance);

private:
    struct Pending { // 32 bytes: a million cells wait in 32 MB until the columns are built
        uint32_t item = 0, model = 0;
        float grade = OutcomeMatrix::kMissing, latency = OutcomeMatrix::kMissing;
        double cost = 0;
        int32_t in = -1, out = -1;
    };
    std::string m_file;
    std::vector<std::string> m_items, m_itemCategories, m_itemPrompts, m_models;
    /// Looked up by string_view without building a string (transparent hash).
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> m_itemIndex, m_modelIndex;
    std::vector<std::vector<uint32_t>> m_lineOf; ///< per model, per item: its cell's line, 0 = none yet
    std::vector<Pending> m_cells;
    std::vector<std::string> m_responses;
    std::vector<uint32_t> m_responseCell; ///< per response, its pending cell
    std::vector<std::string> m_scorerNames;
    std::vector<std::tuple<size_t, uint32_t, float>> m_scores; ///< pending cell, scorer, value
    std::vector<ModelPoint> m_points;
    std::vector<std::string> m_notes;
    std::vector<Diagnostic> m_problems;
};

/// A grade field: "True"/"False" (any case), "1"/"0", or a number in [0,1]; empty = missing.
/// Errors: a message for anything else (the caller adds the line).
std::expected<std::optional<double>, std::string> parseGradeField(std::string_view text);
/// A number field; empty, "NA", "nan", "null" = missing.
std::expected<std::optional<double>, std::string> parseNumberField(std::string_view text, std::string_view what);
/// A token count field: a whole number in [0, kMaxTokenCount] (written "120" or "120.0");
/// empty, "NA"... = missing. Errors: a message naming `what` for anything else.
std::expected<std::optional<int64_t>, std::string> parseTokenCountField(std::string_view text, std::string_view what);
/// The most tokens a cell can hold: a matrix keeps its counts in 32 bits.
inline constexpr int64_t kMaxTokenCount = std::numeric_limits<int32_t>::max();

/// Nothing when `text` is UTF-8; else BadInput naming each line that is not (a Latin-1 spreadsheet
/// export is the usual cause): names, prompts and answers become JSON text once imported.
Status requireUtf8(std::string_view text, const std::string& fileName);

/// ISO 8601 UTC now, for provenance.
std::string utcNowIso();

} // namespace baton::core
