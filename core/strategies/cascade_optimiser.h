// SPDX-License-Identifier: MIT
#pragma once
/// The cascade optimiser (FrugalGPT): on an outcome matrix where every model answered every item
/// and a scorer rated each answer, picks the chain (1 to 3 models, cheapest first) and the
/// per-stage thresholds that maximise accuracy with a mean cost per item at or under the budget.
/// Scorer calls cost `scorerCostUsd` per gate. Exhaustive over chains and a threshold grid.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct MatrixCell {
    double grade = 0;
    double costUsd = 0;
    double score = 0; ///< the scorer's P(correct) for this answer
};

struct OutcomeMatrixView {
    std::vector<std::string> models;
    std::vector<std::map<std::string, MatrixCell>> items; ///< per item: model -> cell
};

struct CascadePlan {
    std::vector<std::string> chain;
    std::vector<double> thresholds;
    double accuracy = 0;
    double meanCostUsd = 0;
};

/// The expected accuracy and cost of a plan on the matrix.
CascadePlan evaluateCascade(const OutcomeMatrixView& matrix, std::vector<std::string> chain,
                            std::vector<double> thresholds, double scorerCostUsd);
struct LabelledOutcomes;

/// The matrix of labelled items whose index is even (`heldOut` false) or odd (true), scored by
/// answer-format confidence (1 when the answer states a final answer, else 0).
OutcomeMatrixView formatScoredMatrix(const LabelledOutcomes& labels, const std::vector<std::string>& models,
                                     bool heldOut);

/// nullopt when no chain fits the budget.
std::optional<CascadePlan> optimiseCascade(const OutcomeMatrixView& matrix, double budgetPerItemUsd,
                                           double scorerCostUsd, int maxLength = 3);

} // namespace baton::core
