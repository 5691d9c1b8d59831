// SPDX-License-Identifier: MIT
#include "matrix_source.h"
#include "matrix/matrix_store.h"
#include "matrix/run_matrix.h"
#include "cli_numbers.h"
#include "replay/model_stats.h"
#include "store/workspace.h"

#include <cmath>
#include <cstdio>

namespace baton::cli {

core::Result<core::OutcomeMatrix> openMatrix(const std::string& db, const std::string& selector) {
    auto workspace = core::Workspace::open(db, false);
    if (!workspace) return std::unexpected(workspace.error());
    auto reader = workspace->openReader();
    if (!reader) return std::unexpected(reader.error());
    if (selector.rfind("run:", 0) == 0) {
        std::string bad;
        auto run = parseWhole(selector.substr(4), "the matrix " + selector, 1, INT64_MAX, bad);
        if (!run) return core::fail(core::ErrorKind::BadInput, bad + " (run:N names run N of the workspace)");
        return core::matrixFromRun(**reader, *run);
    }
    return core::loadMatrix(**reader, selector);
}

void applyAssumedCosts(const std::vector<std::string>& values, core::OutcomeMatrix& matrix, std::string& error) {
    std::map<std::string, double> assumed;
    for (const auto& a : values) {
        auto eq = a.find('=');
        if (eq == std::string::npos) {
            if (error.empty()) error = "--assume-cost " + a + ": expected MODEL=USD";
            continue;
        }
        auto usd = parseDecimal(a.substr(eq + 1), "--assume-cost " + a, 0, 1e6, error);
        if (!matrix.modelIndex(a.substr(0, eq))) {
            if (error.empty()) error = "--assume-cost " + a + ": \"" + a.substr(0, eq) + "\" is not a model of the matrix";
            continue;
        }
        if (usd) assumed[a.substr(0, eq)] = *usd;
    }
    if (error.empty()) core::assumeCosts(matrix, assumed);
}

nlohmann::json numberOrNull(double value) {
    return std::isnan(value) ? nlohmann::json() : nlohmann::json(value);
}

std::string fixedOrUnknown(double value, int decimals) {
    if (std::isnan(value)) return "unknown";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

} // namespace baton::cli
