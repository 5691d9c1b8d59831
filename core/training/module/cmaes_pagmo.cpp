// SPDX-License-Identifier: MIT
// libbaton_cmaes.so: BatchedCmaes' search on pagmo's `cmaes`, opened at first use by
// training/cmaes_engine (see there why pagmo is not linked into the programs).
#include "training/cmaes_engine.h"

#include <pagmo/algorithms/cmaes.hpp>
#include <pagmo/population.hpp>
#include <pagmo/problem.hpp>

#include <map>

namespace baton::core {
namespace {

/// Where pagmo's fitness calls land: recorded during a dry run, found in `known` afterwards.
struct CandidateRewards {
    BatchedCmaes::PlayOne alone;
    bool recording = false;
    BatchedCmaes::Candidates asked; ///< the candidates of the dry run, in order
    std::map<std::vector<double>, double> known;
    int64_t playedAlone = 0;

    double operator()(const std::vector<double>& x) {
        if (recording) {
            asked.push_back(x);
            return 0;
        }
        if (auto it = known.find(x); it != known.end()) return it->second;
        ++playedAlone;
        return alone(x);
    }
};

/// pagmo's view of the problem: minimise minus the reward.
struct RewardProblem {
    std::shared_ptr<CandidateRewards> reward;
    size_t dimension = 1;
    double bound = 20;
    pagmo::vector_double fitness(const pagmo::vector_double& x) const { return {-(*reward)(x)}; }
    std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const {
        return {pagmo::vector_double(dimension, -bound), pagmo::vector_double(dimension, bound)};
    }
    std::string get_name() const { return "baton batched CMA-ES"; }
};

} // namespace

class PagmoCmaes final : public CmaesEngine {
public:
    PagmoCmaes(const BatchedCmaes::Options& options, BatchedCmaes::PlayAll playAll, BatchedCmaes::PlayOne playOne)
        : m_playAll(std::move(playAll)) {
        m_rewards->alone = std::move(playOne);
        pagmo::problem problem{RewardProblem{m_rewards, options.dimension, options.bound}};
        m_population = pagmo::population{problem, 0u, unsigned(options.seed)};
        // pagmo scales its sigma0 by the width of the bounds (its D starts as ub - lb): a sigma0 of 1
        // with bounds of +-20 drew the first candidates with a standard deviation of 40, far beyond
        // any policy's useful range, and the search shrank from there by about 2% per generation.
        // Passing sigma0 / width makes the deviation what the caller asked for.
        double width = 2 * options.bound;
        m_cmaes = pagmo::cmaes{1u,    -1,    -1, -1, -1, options.sigma0 / width, 1e-12, 1e-12, true, false,
                               unsigned(options.seed)};
    }

    void start(const BatchedCmaes::Candidates& initial) override {
        playBatch([&] {
            for (const auto& x : initial)
                (*m_rewards)(x);
        });
        for (const auto& x : initial)
            m_population.push_back(x);
    }

    void evolve() override {
        playBatch([&] {
            pagmo::cmaes dry = m_cmaes;
            pagmo::population dryPopulation = m_population;
            dry.evolve(dryPopulation);
        });
        m_population = m_cmaes.evolve(m_population);
    }

    std::vector<double> champion() const override { return m_population.champion_x(); }
    int64_t playedAlone() const override { return m_rewards->playedAlone; }

private:
    /// Records what `sample` asks for, then plays it all at once.
    void playBatch(const std::function<void()>& sample) {
        m_rewards->recording = true;
        m_rewards->asked.clear();
        sample();
        m_rewards->recording = false;
        m_rewards->known.clear();
        std::vector<double> played = m_playAll(m_rewards->asked);
        for (size_t i = 0; i < played.size() && i < m_rewards->asked.size(); ++i)
            m_rewards->known.emplace(m_rewards->asked[i], played[i]);
    }

    std::shared_ptr<CandidateRewards> m_rewards = std::make_shared<CandidateRewards>();
    BatchedCmaes::PlayAll m_playAll;
    pagmo::population m_population;
    pagmo::cmaes m_cmaes;
};

} // namespace baton::core

extern "C" __attribute__((visibility("default"))) baton::core::CmaesEngine*
baton_create_cmaes_engine(const baton::core::BatchedCmaes::Options& options, baton::core::BatchedCmaes::PlayAll playAll,
                          baton::core::BatchedCmaes::PlayOne playOne) {
    return new baton::core::PagmoCmaes(options, std::move(playAll), std::move(playOne));
}
