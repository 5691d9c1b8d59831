// SPDX-License-Identifier: MIT
#include "training/batched_cmaes.h"
#include "training/cmaes_engine.h"

#include <stdexcept>

namespace baton::core {

Status BatchedCmaes::available() {
    auto factory = cmaesEngineFactory();
    if (!factory) return std::unexpected(factory.error());
    return {};
}

BatchedCmaes::BatchedCmaes(Options options, PlayAll playAll, PlayOne playOne) {
    auto factory = cmaesEngineFactory();
    if (!factory) throw std::runtime_error(factory.error().describe()); // callers ask available() first
    m_engine.reset((*factory)(options, std::move(playAll), std::move(playOne)));
}

BatchedCmaes::~BatchedCmaes() = default;

void BatchedCmaes::start(const Candidates& initial) {
    m_engine->start(initial);
}

void BatchedCmaes::evolve() {
    m_engine->evolve();
}

std::vector<double> BatchedCmaes::champion() const {
    return m_engine->champion();
}

int64_t BatchedCmaes::playedAlone() const {
    return m_engine->playedAlone();
}

} // namespace baton::core
