// SPDX-License-Identifier: MIT
#include "training/batched_cmaes.h"
#include "training/cmaes_engine.h"

namespace baton::core {

Status BatchedCmaes::available(const std::string& modulePath) {
    auto factory = cmaesEngineFactory(modulePath);
    if (!factory) return std::unexpected(factory.error());
    return {};
}

Result<BatchedCmaes> BatchedCmaes::create(const std::string& modulePath, Options options, PlayAll playAll,
                                          PlayOne playOne) {
    auto factory = cmaesEngineFactory(modulePath);
    if (!factory) return std::unexpected(factory.error());
    return BatchedCmaes(std::unique_ptr<CmaesEngine>((*factory)(options, std::move(playAll), std::move(playOne))));
}

BatchedCmaes::BatchedCmaes(std::unique_ptr<CmaesEngine> engine) : m_engine(std::move(engine)) {}
BatchedCmaes::~BatchedCmaes() = default;
BatchedCmaes::BatchedCmaes(BatchedCmaes&&) noexcept = default;
BatchedCmaes& BatchedCmaes::operator=(BatchedCmaes&&) noexcept = default;

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
