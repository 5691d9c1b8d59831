// SPDX-License-Identifier: MIT
#include "training/batched_cmaes.h"

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

struct BatchedCmaes::State {
    std::shared_ptr<CandidateRewards> rewards = std::make_shared<CandidateRewards>();
    PlayAll playAll;
    pagmo::population population;
    pagmo::cmaes cmaes;

    /// Records what `sample` asks for, then plays it all at once.
    void playBatch(const std::function<void()>& sample) {
        rewards->recording = true;
        rewards->asked.clear();
        sample();
        rewards->recording = false;
        rewards->known.clear();
        std::vector<double> played = playAll(rewards->asked);
        for (size_t i = 0; i < played.size() && i < rewards->asked.size(); ++i)
            rewards->known.emplace(rewards->asked[i], played[i]);
    }
};

BatchedCmaes::BatchedCmaes(Options options, PlayAll playAll, PlayOne playOne) : m_state(std::make_unique<State>()) {
    m_state->rewards->alone = std::move(playOne);
    m_state->playAll = std::move(playAll);
    pagmo::problem problem{RewardProblem{m_state->rewards, options.dimension, options.bound}};
    m_state->population = pagmo::population{problem, 0u, unsigned(options.seed)};
    // pagmo scales its sigma0 by the width of the bounds (its D starts as ub - lb): a sigma0 of 1
    // with bounds of +-20 drew the first candidates with a standard deviation of 40, far beyond
    // any policy's useful range, and the search shrank from there by about 2% per generation.
    // Passing sigma0 / width makes the deviation what the caller asked for.
    double width = 2 * options.bound;
    m_state->cmaes = pagmo::cmaes{1u,    -1,    -1, -1, -1, options.sigma0 / width, 1e-12, 1e-12, true, false,
                                  unsigned(options.seed)};
}

BatchedCmaes::~BatchedCmaes() = default;

void BatchedCmaes::start(const Candidates& initial) {
    m_state->playBatch([&] {
        for (const auto& x : initial)
            (*m_state->rewards)(x);
    });
    for (const auto& x : initial)
        m_state->population.push_back(x);
}

void BatchedCmaes::evolve() {
    m_state->playBatch([&] {
        pagmo::cmaes dry = m_state->cmaes;
        pagmo::population dryPopulation = m_state->population;
        dry.evolve(dryPopulation);
    });
    m_state->population = m_state->cmaes.evolve(m_state->population);
}

std::vector<double> BatchedCmaes::champion() const {
    return m_state->population.champion_x();
}

int64_t BatchedCmaes::playedAlone() const {
    return m_state->rewards->playedAlone;
}

} // namespace baton::core
