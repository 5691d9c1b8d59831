// SPDX-License-Identifier: MIT
#pragma once
// A matrix with a signal a router must find, shared by the router suites.

#include "matrix/outcome_matrix.h"
#include "util/rng.h"

#include <string>

namespace baton::core {

/// 400 items, half "easy" (arithmetic words), half "hard" (proof words); `weak` ($0.001) is right
/// on 90% of easy items and 10% of hard ones, `strong` ($0.01) on 95% of both.
inline OutcomeMatrix plantedMatrix() {
    OutcomeMatrix m;
    m.models = {"weak", "strong"};
    m.categories = {"easy", "hard"};
    Rng rng(42);
    for (int i = 0; i < 400; ++i) {
        bool hard = i % 2;
        m.itemIds.push_back(std::to_string(i));
        m.itemCategory.push_back(hard ? 1 : 0);
        m.prompts.push_back(hard ? "prove the theorem about primes number " + std::to_string(i)
                                 : "add these small numbers " + std::to_string(i));
    }
    size_t n = m.itemIds.size();
    for (size_t model = 0; model < 2; ++model)
        for (size_t i = 0; i < n; ++i) {
            double skill = model == 1 ? 0.95 : (i % 2 ? 0.10 : 0.90);
            m.grade.push_back(rng.uniform() < skill ? 1.f : 0.f);
            m.costUsd.push_back(model == 1 ? 0.01 : 0.001);
            m.latencyMs.push_back(OutcomeMatrix::kMissing);
            m.inputTokens.push_back(-1);
            m.outputTokens.push_back(-1);
        }
    return m;
}


} // namespace baton::core
