// SPDX-License-Identifier: MIT
#pragma once
/// Wide outcome tables: one row per item, one column group per model, as RouterBench and the
/// datasets derived from it publish them: `<model>` = grade, `<model>|total_cost`,
/// `<model>|model_response`, plus `prompt`, `eval_name` (category) and `sample_id`. RouteLLM's
/// response files are wide tables with `True`/`False` grades and `<model>_response` columns.

#include "matrix/matrix_builder.h"

#include <set>
#include <string>
#include <vector>

namespace baton::core {

struct WideColumns {
    std::string item = "sample_id", category = "eval_name", prompt = "prompt";
    std::string costSuffix = "|total_cost", responseSuffix = "|model_response", latencySuffix = "|latency_ms";
    std::vector<std::string> models; ///< the model columns; empty = every column with a companion
                                     ///< cost/response column, or else every column not named above
    std::string fixedCategory;       ///< when there is no category column
    std::string itemPrefix;          ///< ids "<prefix>#<row>" when there is no item column
    std::set<std::string> excludePrompts; ///< rows whose prompt is listed are skipped (contamination)
};

/// Adds one wide CSV to `builder`; bad rows become problems in it. Errors: BadInput for an
/// unreadable file or a missing named column.
Status addWideCsv(MatrixBuilder& builder, const std::string& text, const std::string& fileName,
                  const WideColumns& columns);

Result<OutcomeMatrix> importWideCsv(const std::string& text, const std::string& fileName, const WideColumns& columns);

} // namespace baton::core
