// SPDX-License-Identifier: MIT
#pragma once
/// CMA-ES (pagmo's `cmaes`) whose generations are played in one batch. pagmo asks for one fitness
/// at a time, but it samples all of a generation's candidates before it evaluates any: a dry run
/// of the generation, on copies of the algorithm and the population, records those candidates;
/// `playAll` plays them together, and the real generation then finds every reward already known.
/// The search maximises the reward; its trajectory is pagmo's own, seed for seed. pagmo itself is
/// in a module opened at first use (training/cmaes_engine.h says why).

#include "util/result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace baton::core {

class CmaesEngine;

class BatchedCmaes {
public:
    using Candidates = std::vector<std::vector<double>>;
    /// The rewards of `candidates`, in their order.
    using PlayAll = std::function<std::vector<double>(const Candidates& candidates)>;
    /// The reward of one candidate, for any the dry run did not foresee (none while it matches).
    using PlayOne = std::function<double(const std::vector<double>& candidate)>;

    struct Options {
        size_t dimension = 1;
        double bound = 20;   ///< every parameter stays in [-bound, bound]
        double sigma0 = 40; ///< the first generation's standard deviation of every parameter, in its units
        uint64_t seed = 1;
    };

    /// Whether the CMA-ES module can be opened from `modulePath` (empty: where it is installed;
    /// training/cmaes_engine.h). Errors: NotFound, naming where it was looked for.
    static Status available(const std::string& modulePath = {});
    /// A search on the module at `modulePath` (as for available()). Errors: NotFound when the
    /// module cannot be opened.
    static Result<BatchedCmaes> create(const std::string& modulePath, Options options, PlayAll playAll,
                                       PlayOne playOne);
    ~BatchedCmaes();
    BatchedCmaes(BatchedCmaes&&) noexcept;
    BatchedCmaes& operator=(BatchedCmaes&&) noexcept;
    BatchedCmaes(const BatchedCmaes&) = delete;
    BatchedCmaes& operator=(const BatchedCmaes&) = delete;

    /// The first generation: `initial` played together, the best of them the champion.
    void start(const Candidates& initial);
    /// One generation of CMA-ES, its candidates played together.
    void evolve();
    /// The best candidate met so far (the population's champion).
    std::vector<double> champion() const;
    /// Candidates played one by one, outside their generation's batch.
    int64_t playedAlone() const;

private:
    explicit BatchedCmaes(std::unique_ptr<CmaesEngine> engine);
    std::unique_ptr<CmaesEngine> m_engine;
};

} // namespace baton::core
