// SPDX-License-Identifier: MIT
#include "matrix/matrix_builder.h"
#include "util/utf8.h"
#include "util/whole_number.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace baton::core {
namespace {

std::string asText(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

} // namespace

size_t MatrixBuilder::item(std::string_view id, std::string_view category, std::string_view prompt) {
    auto it = m_itemIndex.find(id); // no string built for an item seen before (most rows)
    bool added = it == m_itemIndex.end();
    if (added) it = m_itemIndex.emplace(std::string(id), uint32_t(m_items.size())).first;
    if (added) {
        m_items.emplace_back(id);
        m_itemCategories.emplace_back(category);
        m_itemPrompts.emplace_back(prompt);
    } else {
        if (m_itemCategories[it->second].empty()) m_itemCategories[it->second] = category;
        if (m_itemPrompts[it->second].empty()) m_itemPrompts[it->second] = prompt;
    }
    return it->second;
}

size_t MatrixBuilder::model(std::string_view name) {
    if (auto it = m_modelIndex.find(name); it != m_modelIndex.end()) return it->second;
    m_modelIndex.emplace(std::string(name), uint32_t(m_models.size()));
    m_models.emplace_back(name);
    return m_models.size() - 1;
}

Status requireUtf8(std::string_view text, const std::string& fileName) {
    std::vector<Diagnostic> problems;
    size_t line = 1, counted = 0; // `line` is the number of the line that starts at `counted`
    for (size_t from = 0; from < text.size();) {
        auto bad = invalidUtf8At(text.substr(from));
        if (!bad) break;
        size_t at = from + *bad;
        line += size_t(std::count(text.begin() + counted, text.begin() + at, '\n'));
        counted = at;
        problems.push_back({Severity::Error, fileName, "line " + std::to_string(line),
                            "byte " + std::to_string(at + 1) + " is not UTF-8 text"});
        size_t next = text.find('\n', at); // one problem per line
        if (next == std::string_view::npos) break;
        from = next + 1;
    }
    if (problems.empty()) return {};
    // Counted before the call: in fail(message, std::move(problems)) the vector may be moved first.
    std::string message = fileName + ": " + std::to_string(problems.size()) +
                          " line(s) are not UTF-8 text; re-save the file as UTF-8 (spreadsheets: \"CSV UTF-8\"), or "
                          "convert it with iconv -f latin1 -t utf-8";
    return fail(ErrorKind::BadInput, std::move(message), std::move(problems));
}

void MatrixBuilder::error(size_t line, std::string message) {
    m_problems.push_back({Severity::Error, m_file, line ? "line " + std::to_string(line) : "", std::move(message)});
}

void MatrixBuilder::add(size_t item, size_t model, CellInput cell, size_t line) {
    if (cell.grade && (*cell.grade < 0 || *cell.grade > 1 || std::isnan(*cell.grade)))
        return error(line, "grade " + std::to_string(*cell.grade) + " is outside [0,1]; rescale the scores");
    if (cell.costUsd && *cell.costUsd < 0) return error(line, "negative cost; costs are in USD and >= 0");
    if (cell.costUsd && std::isinf(*cell.costUsd)) return error(line, "infinite cost; costs are in USD");
    // Latencies and scores are kept as floats: a finite double beyond a float's range has no value there.
    constexpr double kFloatMax = std::numeric_limits<float>::max();
    if (cell.latencyMs && !(*cell.latencyMs >= 0 && *cell.latencyMs <= kFloatMax))
        return error(line, "latency " + asText(*cell.latencyMs) + " ms is not a duration; latencies are >= 0 ms");
    for (const auto& [name, value] : cell.scorers)
        if (!(std::abs(value) <= kFloatMax))
            return error(line, "score " + name + " " + asText(value) + " is out of range");
    for (const auto& [what, count] : {std::pair{"input", cell.inputTokens}, std::pair{"output", cell.outputTokens}})
        if (count && (*count < 0 || *count > kMaxTokenCount))
            return error(line, std::string(what) + " token count " + std::to_string(*count) + " is outside [0, " +
                                   std::to_string(kMaxTokenCount) + "]");
    if (m_lineOf.size() <= model) m_lineOf.resize(model + 1);
    auto& lines = m_lineOf[model]; // dense: no hashing per cell
    if (lines.size() <= item) lines.resize(std::max(item + 1, lines.size() * 2), 0);
    if (lines[item] != 0)
        return error(line, "duplicate cell (item \"" + m_items[item] + "\", model \"" + m_models[model] +
                               "\"): already given on line " + std::to_string(lines[item]) + "; keep one of them");
    // 0 means "not given yet"; a line past 4G is named as the largest.
    lines[item] = uint32_t(std::clamp<size_t>(line, 1, std::numeric_limits<uint32_t>::max()));
    Pending p;
    p.item = uint32_t(item), p.model = uint32_t(model);
    if (cell.grade) p.grade = float(*cell.grade);
    p.cost = cell.costUsd ? *cell.costUsd : std::numeric_limits<double>::quiet_NaN();
    if (cell.latencyMs) p.latency = float(*cell.latencyMs);
    if (cell.inputTokens) p.in = int32_t(*cell.inputTokens);
    if (cell.outputTokens) p.out = int32_t(*cell.outputTokens);
    if (cell.response) {
        m_responseCell.push_back(uint32_t(m_cells.size()));
        m_responses.push_back(std::move(*cell.response));
    }
    for (auto& [name, value] : cell.scorers) {
        auto found = std::find(m_scorerNames.begin(), m_scorerNames.end(), name);
        if (found == m_scorerNames.end()) found = m_scorerNames.insert(m_scorerNames.end(), name);
        m_scores.emplace_back(m_cells.size(), uint32_t(found - m_scorerNames.begin()), float(value));
    }
    m_cells.push_back(p);
}

Result<OutcomeMatrix> MatrixBuilder::finish(MatrixProvenance provenance) {
    if (!m_problems.empty())
        return fail(ErrorKind::BadInput,
                    m_file + ": " + std::to_string(m_problems.size()) + " bad line(s); nothing was imported",
                    m_problems);
    if ((m_items.empty() || m_models.empty()) && m_points.empty())
        return fail(ErrorKind::BadInput, m_file + ": no outcomes found; check the format and the column mapping");
    OutcomeMatrix m;
    m.models = m_models;
    m.itemIds = m_items;
    for (size_t i = 0; i < m_items.size(); ++i) {
        const std::string& c = m_itemCategories[i].empty() ? std::string("(none)") : m_itemCategories[i];
        auto found = std::find(m.categories.begin(), m.categories.end(), c);
        if (found == m.categories.end()) found = m.categories.insert(m.categories.end(), c);
        m.itemCategory.push_back(uint32_t(found - m.categories.begin()));
    }
    if (std::any_of(m_itemPrompts.begin(), m_itemPrompts.end(), [](const auto& p) { return !p.empty(); }))
        m.prompts = m_itemPrompts;
    size_t cells = m_items.size() * m_models.size(), n = m_items.size();
    m_lineOf = {}; // not needed any more: its memory goes before the columns take theirs
    m.grade.assign(cells, OutcomeMatrix::kMissing);
    m.costUsd.assign(cells, std::numeric_limits<double>::quiet_NaN());
    m.latencyMs.assign(cells, OutcomeMatrix::kMissing);
    m.inputTokens.assign(cells, -1);
    m.outputTokens.assign(cells, -1);
    std::vector<int64_t> responseOf(m_responses.empty() ? 0 : cells, -1);
    for (size_t k = 0; k < m_responseCell.size(); ++k) {
        const auto& p = m_cells[m_responseCell[k]];
        responseOf[size_t(p.model) * n + p.item] = int64_t(k);
    }
    for (const auto& p : m_cells) {
        size_t c = size_t(p.model) * n + p.item;
        m.grade[c] = p.grade, m.costUsd[c] = p.cost, m.latencyMs[c] = p.latency;
        m.inputTokens[c] = p.in, m.outputTokens[c] = p.out;
    }
    if (!m_responses.empty()) {
        m.responseEnd.resize(cells);
        for (size_t c = 0; c < cells; ++c) {
            if (responseOf[c] >= 0) m.responseText += m_responses[size_t(responseOf[c])];
            m.responseEnd[c] = m.responseText.size();
        }
    }
    m.scorerNames = m_scorerNames;
    m.scorers.assign(m_scorerNames.size(), std::vector<float>(cells, OutcomeMatrix::kMissing));
    for (auto& [pending, scorer, value] : m_scores)
        m.scorers[scorer][size_t(m_cells[pending].model) * n + m_cells[pending].item] = value;
    m.points = m_points;
    provenance.notes.insert(provenance.notes.end(), m_notes.begin(), m_notes.end());
    m.provenance = std::move(provenance);
    return m;
}

std::expected<std::optional<double>, std::string> parseNumberField(std::string_view text, std::string_view what) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    if (text.empty() || text == "NA" || text == "nan" || text == "NaN" || text == "null" || text == "None")
        return std::optional<double>{};
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::unexpected(std::string(what) + " \"" + std::string(text) + "\" is not a number");
    return std::optional<double>{value};
}

std::expected<std::optional<int64_t>, std::string> parseTokenCountField(std::string_view text, std::string_view what) {
    auto value = parseNumberField(text, what);
    if (!value) return std::unexpected(value.error());
    if (!*value) return std::optional<int64_t>{};
    auto count = wholeNumberIn(**value, 0, kMaxTokenCount);
    if (!count)
        return std::unexpected(std::string(what) + " " + asText(**value) + " is not a token count (a whole number from 0 to " +
                               std::to_string(kMaxTokenCount) + ")");
    return count;
}

std::expected<std::optional<double>, std::string> parseGradeField(std::string_view text) {
    // "true"/"false" in any case, spaces and a CR ignored; compared without building a string.
    auto is = [text](std::string_view word) {
        size_t k = 0;
        for (char c : text) {
            if (c == ' ' || c == '\r') continue;
            if (k == word.size() || std::tolower(static_cast<unsigned char>(c)) != word[k]) return false;
            ++k;
        }
        return k == word.size();
    };
    if (is("true")) return std::optional<double>{1.0};
    if (is("false")) return std::optional<double>{0.0};
    return parseNumberField(text, "grade");
}

std::string utcNowIso() {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

} // namespace baton::core
