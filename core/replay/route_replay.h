// SPDX-License-Identifier: MIT
#pragma once
/// Offline replay of strategies that need no new call: every decision is looked up in the matrix.
/// `single`, `oracle`, `rules` (category -> model), `similarity` (k nearest training items by the
/// built-in TF-IDF over prompt text -> best expected grade - lambda x expected cost) and `cascade`
/// (cheap to expensive; stop when the matrix's scorer value for the answer reaches the stage's
/// threshold; a missing score escalates, as an unreadable judge reply does live).

#include <cmath>
#include "matrix/outcome_matrix.h"
#include "replay/gap_recovered.h"
#include "text/tfidf_index.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace baton::core {

struct RoutePoint {
    std::string strategy;
    double param = NAN;       ///< lambda or threshold, NaN for a fixed strategy
    double accuracy = 0;
    double meanCostUsd = NAN; ///< NaN when any chosen cell's cost is unknown
    double strongShare = NAN; ///< share of items answered by the strong model, when one is named
    size_t items = 0;
};

/// A point's cost axis: mean USD per item, or the share of strong-model calls when costs are unknown.
double costAxis(const RoutePoint& p, bool usd);
/// AIQ of the curve's non-decreasing hull over [lo, hi] on that axis.
double curveAiq(const std::vector<RoutePoint>& curve, bool usd, double lo, double hi);
/// The curve as (strong share, accuracy) points for APGR and CPT; points without a share left out.
std::vector<SharePoint> sharePoints(const std::vector<RoutePoint>& curve);

/// Scores one chosen model per item. A chosen cell without a grade counts as 0 and is a bug in
/// the caller: replay on completeItems().
RoutePoint scoreRoutes(const OutcomeMatrix& matrix, const std::vector<size_t>& items,
                       const std::vector<uint16_t>& choice, std::optional<size_t> strong = std::nullopt);

/// A router's curve over `points` lambdas: 0, then log-spaced from 1e-3 to 1e3 per `meanCost`
/// (the matrix's mean cost of a call), each point scored on `items` with the routes of `route`.
std::vector<RoutePoint> lambdaCurve(const OutcomeMatrix& matrix, const std::vector<size_t>& items,
                                    std::optional<size_t> strong, int points, double meanCost,
                                    const std::string& strategy,
                                    const std::function<std::vector<uint16_t>(double lambda)>& route);

std::vector<uint16_t> routeByRules(const OutcomeMatrix& matrix, const std::vector<size_t>& items,
                                   const std::map<std::string, size_t>& modelOfCategory, size_t defaultModel);

/// kNN routing learned on `train` items, applied to `test` items (never the same items).
class SimilarityReplay {
public:
    SimilarityReplay(const OutcomeMatrix& matrix, const std::vector<size_t>& train, const std::vector<size_t>& test,
                     size_t k);
    std::vector<uint16_t> route(double lambda) const;
    /// 100 points: lambda = 0, then 99 lambdas spread geometrically around 1 / mean cost.
    std::vector<RoutePoint> curve(std::optional<size_t> strong = std::nullopt, int points = 100) const;
    const std::vector<size_t>& test() const { return m_test; }

private:
    const OutcomeMatrix& m_matrix;
    std::vector<size_t> m_test;
    std::vector<double> m_expectedGrade, m_expectedCost; ///< test item x model
    double m_meanCost = 0;
};

struct CascadeSpec {
    std::vector<size_t> chain; ///< model indices, cheap to expensive
    size_t scorer = 0;         ///< index into matrix.scorerNames
};

/// One threshold per stage but the last.
RoutePoint replayCascade(const OutcomeMatrix& matrix, const std::vector<size_t>& items, const CascadeSpec& spec,
                         const std::vector<double>& thresholds, std::optional<size_t> strong = std::nullopt);
/// 100 points: one shared threshold from 0 to 1.
std::vector<RoutePoint> cascadeCurve(const OutcomeMatrix& matrix, const std::vector<size_t>& items,
                                     const CascadeSpec& spec, std::optional<size_t> strong = std::nullopt,
                                     int points = 100);

} // namespace baton::core
