// SPDX-License-Identifier: MIT
#pragma once
/// What-if pools and the price of a constraint: which models a constraint keeps (by name or by
/// the pool's tags: open weights only, without vendor X, jurisdiction in a set), and what the
/// constrained pool's frontier loses against the full one: the accuracy lost at the cost of the
/// full pool's most accurate model, and the cost added to reach its accuracy, with 95% bootstrap
/// intervals over items.

#include <cmath>
#include "eval/statistics.h"
#include "matrix/outcome_matrix.h"
#include "util/result.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace baton::core {

using ModelTags = std::map<std::string, std::map<std::string, std::string>>; ///< model -> tag -> value

struct PoolConstraint {
    std::string label;                                 ///< "open weights only"
    std::set<std::string> without;                     ///< models removed by name
    std::map<std::string, std::set<std::string>> tagIn; ///< tag -> allowed values (untagged = excluded)
    std::map<std::string, std::set<std::string>> tagNotIn; ///< tag -> excluded values ("vendor" -> {"openai"})

    /// Parses "without=a,b", "weights=open", "vendor!=openai", "jurisdiction=EU,US".
    /// Errors: BadInput naming the malformed part.
    static Result<PoolConstraint> parse(const std::string& text);
};

/// The model indices the constraint keeps, in matrix order.
std::vector<size_t> modelsKept(const OutcomeMatrix& matrix, const PoolConstraint& constraint, const ModelTags& tags);

struct ConstraintPrice {
    std::string label;
    std::vector<std::string> kept;
    std::string referenceModel;    ///< the full pool's most accurate model
    double referenceCost = NAN, referenceAccuracy = NAN;
    double accuracyLost = NAN;     ///< at the reference cost; NaN when the constrained pool cannot be that cheap
    Interval accuracyLostCi{NAN, NAN};
    double costAdded = NAN;        ///< USD per item to reach the reference accuracy; NaN = unreachable
    Interval costAddedCi{NAN, NAN};
    double unreachableShare = 0;   ///< of resamples where the accuracy was unreachable
};

/// On `items` (use completeItems); the frontier of a pool is the hull of its single models.
/// Errors: BadInput when a kept model has unknown costs (give --assume-cost) or nothing is kept.
Result<ConstraintPrice> priceOfConstraint(const OutcomeMatrix& matrix, const std::vector<size_t>& items,
                                          const std::vector<size_t>& kept, int resamples = 200, uint64_t seed = 1);

} // namespace baton::core
