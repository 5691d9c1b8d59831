// SPDX-License-Identifier: MIT
#include "matrix/matrix_json.h"

namespace baton::core {

namespace {
nlohmann::json orNull(double v) {
    return std::isnan(v) ? nlohmann::json() : nlohmann::json(v);
}
} // namespace

nlohmann::json matrixToJson(const OutcomeMatrix& m) {
    nlohmann::json items = nlohmann::json::array(), cells = nlohmann::json::array(), points = nlohmann::json::array();
    for (size_t i = 0; i < m.itemCount(); ++i)
        items.push_back({{"id", m.itemIds[i]}, {"category", m.categoryOf(i)},
                         {"prompt", m.prompts.empty() ? nlohmann::json() : nlohmann::json(m.prompts[i])}});
    for (size_t i = 0; i < m.itemCount(); ++i)
        for (size_t model = 0; model < m.modelCount(); ++model) {
            size_t c = m.cell(i, model);
            nlohmann::json scores = nlohmann::json::object();
            for (size_t s = 0; s < m.scorers.size(); ++s)
                if (!std::isnan(m.scorers[s][c])) scores[m.scorerNames[s]] = double(m.scorers[s][c]);
            bool empty = std::isnan(m.grade[c]) && std::isnan(m.costUsd[c]) && std::isnan(m.latencyMs[c]) &&
                         m.inputTokens[c] < 0 && m.outputTokens[c] < 0 && m.response(i, model).empty() &&
                         scores.empty();
            if (empty) continue;
            cells.push_back({{"item", m.itemIds[i]},
                             {"model", m.models[model]},
                             {"grade", orNull(m.grade[c])},
                             {"cost_usd", orNull(m.costUsd[c])},
                             {"latency_ms", orNull(m.latencyMs[c])},
                             {"input_tokens", m.inputTokens[c] < 0 ? nlohmann::json() : nlohmann::json(m.inputTokens[c])},
                             {"output_tokens", m.outputTokens[c] < 0 ? nlohmann::json() : nlohmann::json(m.outputTokens[c])},
                             {"response", m.responseEnd.empty() ? nlohmann::json() : nlohmann::json(m.response(i, model))},
                             {"scores", scores}});
        }
    for (const auto& p : m.points)
        points.push_back({{"model", p.model}, {"category", p.category}, {"accuracy", p.accuracy},
                          {"cost_usd", orNull(p.costUsd)}, {"n", p.n}});
    return {{"models", m.models}, {"items", items}, {"cells", cells}, {"points", points}, {"notes", m.provenance.notes}};
}

} // namespace baton::core
