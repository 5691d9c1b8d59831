// SPDX-License-Identifier: MIT
#include "matrix/outcome_matrix.h"

#include <algorithm>

namespace baton::core {

std::string_view OutcomeMatrix::response(size_t item, size_t model) const {
    if (responseEnd.empty()) return {};
    size_t c = cell(item, model);
    size_t begin = c == 0 ? 0 : responseEnd[c - 1];
    return std::string_view(responseText).substr(begin, responseEnd[c] - begin);
}

std::optional<size_t> OutcomeMatrix::modelIndex(std::string_view model) const {
    auto it = std::find(models.begin(), models.end(), model);
    if (it == models.end()) return std::nullopt;
    return size_t(it - models.begin());
}

std::optional<size_t> OutcomeMatrix::scorerIndex(std::string_view scorer) const {
    auto it = std::find(scorerNames.begin(), scorerNames.end(), scorer);
    if (it == scorerNames.end()) return std::nullopt;
    return size_t(it - scorerNames.begin());
}

size_t OutcomeMatrix::presentCells() const {
    return size_t(std::count_if(grade.begin(), grade.end(), [](float g) { return !std::isnan(g); }));
}

double OutcomeMatrix::bytesPerCell() const {
    if (grade.empty()) return 0;
    size_t bytes = grade.size() * sizeof(float) + costUsd.size() * sizeof(double) + latencyMs.size() * sizeof(float) +
                   inputTokens.size() * sizeof(int32_t) + outputTokens.size() * sizeof(int32_t) +
                   responseEnd.size() * sizeof(uint64_t);
    for (const auto& s : scorers)
        bytes += s.size() * sizeof(float);
    return double(bytes) / double(grade.size());
}

namespace {

// Copies the cells picked by `source(newCell)` into fresh columns.
template <class Pick> void copyCells(const OutcomeMatrix& from, OutcomeMatrix& to, size_t cells, Pick source) {
    to.grade.resize(cells), to.costUsd.resize(cells), to.latencyMs.resize(cells);
    to.inputTokens.resize(cells), to.outputTokens.resize(cells);
    to.scorerNames = from.scorerNames;
    to.scorers.assign(from.scorers.size(), std::vector<float>(cells));
    if (!from.responseEnd.empty()) to.responseEnd.resize(cells);
    for (size_t c = 0; c < cells; ++c) {
        size_t s = source(c);
        to.grade[c] = from.grade[s], to.costUsd[c] = from.costUsd[s], to.latencyMs[c] = from.latencyMs[s];
        to.inputTokens[c] = from.inputTokens[s], to.outputTokens[c] = from.outputTokens[s];
        for (size_t k = 0; k < from.scorers.size(); ++k)
            to.scorers[k][c] = from.scorers[k][s];
        if (!from.responseEnd.empty()) {
            size_t begin = s == 0 ? 0 : from.responseEnd[s - 1];
            to.responseText.append(from.responseText, begin, from.responseEnd[s] - begin);
            to.responseEnd[c] = to.responseText.size();
        }
    }
}

} // namespace

OutcomeMatrix OutcomeMatrix::withModels(const std::vector<size_t>& keep) const {
    OutcomeMatrix out;
    out.name = name, out.itemIds = itemIds, out.itemCategory = itemCategory, out.categories = categories;
    out.prompts = prompts, out.provenance = provenance;
    for (size_t m : keep)
        out.models.push_back(models[m]);
    for (const auto& p : points)
        if (std::find(out.models.begin(), out.models.end(), p.model) != out.models.end()) out.points.push_back(p);
    size_t n = itemIds.size();
    copyCells(*this, out, keep.size() * n, [&](size_t c) { return keep[c / n] * n + c % n; });
    return out;
}

OutcomeMatrix OutcomeMatrix::withItems(const std::vector<size_t>& keep) const {
    OutcomeMatrix out;
    out.name = name, out.models = models, out.categories = categories, out.provenance = provenance;
    out.points = points;
    for (size_t i : keep) {
        out.itemIds.push_back(itemIds[i]);
        out.itemCategory.push_back(itemCategory[i]);
        if (!prompts.empty()) out.prompts.push_back(prompts[i]);
    }
    size_t n = itemIds.size(), k = keep.size();
    copyCells(*this, out, models.size() * k, [&](size_t c) { return (c / k) * n + keep[c % k]; });
    return out;
}

} // namespace baton::core
