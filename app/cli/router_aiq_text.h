// SPDX-License-Identifier: MIT
#pragma once
// The AIQ line of a trained router (router train, router show): the router's, the single models'
// hull's and, when it was trained with --compare, kNN's and the rules' on the same test items.

#include "replay/router_report.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace baton::cli {

/// "" when the artifact keeps no AIQ (saved before it did).
inline std::string routerAiqText(const core::RouterArtifact& artifact) {
    core::RouterReport r = core::routerReport(artifact);
    if (std::isnan(r.routerAiq)) return "";
    auto figure = [](double v) {
        char text[32];
        std::snprintf(text, sizeof text, "%.4f", v);
        return std::isnan(v) ? std::string("n/a") : std::string(text);
    };
    std::string out = "  AIQ on the test items: router " + figure(r.routerAiq);
    if (!r.knnCurve.empty()) out += ", kNN " + figure(r.knnAiq);
    if (!r.rulesCurve.empty()) out += ", rules by category " + figure(r.rulesAiq);
    return out + ", single models' hull " + figure(r.singlesAiq) + "\n";
}

} // namespace baton::cli
