// SPDX-License-Identifier: MIT
#pragma once
/// Long outcome tables: one row (CSV) or object (JSONL) per (item, model) with a grade and,
/// optionally, cost, latency, tokens, response, category, prompt and scorer values. Columns are
/// mapped by name; extra columns are ignored with a note. ZeroEval's gsm_correctness.csv is a
/// long table with item=id, grade=correct, response=model_answer.

#include "matrix/outcome_matrix.h"
#include "util/result.h"

#include <map>
#include <string>

namespace baton::core {

struct LongColumns {
    std::string item = "item", model = "model", grade = "grade", cost = "cost_usd", latency = "latency_ms";
    std::string inputTokens = "input_tokens", outputTokens = "output_tokens", response = "response";
    std::string category = "category", prompt = "prompt";
    std::string scorerPrefix = "score:"; ///< a column "score:judge" holds scorer "judge"
    std::string fixedCategory;           ///< for every item when the table has no category column

    /// Applies "field=column" pairs (item, model, grade, cost, latency, input_tokens, output_tokens,
    /// response, category, prompt, category_value). Errors: BadInput naming an unknown field.
    Status apply(const std::map<std::string, std::string>& mapping);
};

/// Errors: BadInput listing every bad line (by number) and a missing required column.
Result<OutcomeMatrix> importLongCsv(const std::string& text, const std::string& fileName, const LongColumns& columns);
Result<OutcomeMatrix> importLongJsonl(const std::string& text, const std::string& fileName, const LongColumns& columns);

} // namespace baton::core
