// SPDX-License-Identifier: MIT
#pragma once
// Where baton-cli's replay, profile and drift commands get a matrix: a saved matrix (name or id)
// in --db, or "run:N" for the baselines of run N in --db.

#include "matrix/outcome_matrix.h"
#include "util/result.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace baton::cli {

core::Result<core::OutcomeMatrix> openMatrix(const std::string& db, const std::string& selector);
/// The repeated --assume-cost MODEL=USD of a command, checked against `matrix` and applied to it
/// (replay::assumeCosts). On a malformed value or an unknown model, `error` says which.
void applyAssumedCosts(const std::vector<std::string>& values, core::OutcomeMatrix& matrix, std::string& error);
/// NaN -> null, so that unknown never prints as 0.
nlohmann::json numberOrNull(double value);
/// "0.8059" or "unknown".
std::string fixedOrUnknown(double value, int decimals);

} // namespace baton::cli
