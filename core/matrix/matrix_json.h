// SPDX-License-Identifier: MIT
#pragma once
/// An outcome matrix as JSON, one object per graded or otherwise present cell (missing values are
/// null, never 0): what golden tests compare and what `matrix show --cells` could export.

#include "matrix/outcome_matrix.h"

#include <nlohmann/json.hpp>

namespace baton::core {

/// {"models": [...], "items": [{"id","category","prompt"}], "cells": [{"item","model","grade",
/// "cost_usd","latency_ms","input_tokens","output_tokens","response","scores"}], "points": [...],
/// "notes": [...]}. Cells with nothing recorded are left out.
nlohmann::json matrixToJson(const OutcomeMatrix& matrix);

} // namespace baton::core
