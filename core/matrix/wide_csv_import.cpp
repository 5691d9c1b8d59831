// SPDX-License-Identifier: MIT
#include "matrix/wide_csv_import.h"
#include "io/csv_reader.h"

#include <algorithm>
#include <map>

namespace baton::core {

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return !suffix.empty() && s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> modelColumns(const std::vector<std::string>& header, const WideColumns& c) {
    if (!c.models.empty()) return c.models;
    std::set<std::string> names(header.begin(), header.end());
    std::vector<std::string> withCompanion, rest;
    for (const auto& h : header) {
        if (h == c.item || h == c.category || h == c.prompt || h.empty() || endsWith(h, c.costSuffix) ||
            endsWith(h, c.responseSuffix) || endsWith(h, c.latencySuffix))
            continue;
        if (names.count(h + c.costSuffix) || names.count(h + c.responseSuffix))
            withCompanion.push_back(h);
        else
            rest.push_back(h);
    }
    return withCompanion.empty() ? rest : withCompanion;
}

} // namespace

Status addWideCsv(MatrixBuilder& b, const std::string& text, const std::string& fileName, const WideColumns& c) {
    if (auto ok = requireUtf8(text, fileName); !ok) return ok;
    auto records = parseCsv(text, fileName);
    if (!records) return std::unexpected(records.error());
    if (records->empty()) return fail(ErrorKind::BadInput, fileName + ": empty file; expected a header row");
    const auto& header = records->front().fields;
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < header.size(); ++i)
        index[header[i]] = i;
    auto models = modelColumns(header, c);
    if (models.empty())
        return fail(ErrorKind::BadInput, fileName + ":1: no model columns found; name them with --models A,B");
    std::set<size_t> used;
    struct Group {
        size_t model;
        long grade, cost = -1, response = -1, latency = -1;
    };
    std::vector<Group> groups;
    for (const auto& m : models) {
        auto g = index.find(m);
        if (g == index.end()) return fail(ErrorKind::BadInput, fileName + ":1: no column \"" + m + "\"");
        Group group{b.model(m), long(g->second)};
        used.insert(g->second);
        auto companion = [&](const std::string& suffix, long& slot) {
            if (suffix.empty()) return;
            auto it = index.find(m + suffix);
            if (it != index.end()) slot = long(it->second), used.insert(it->second);
        };
        companion(c.costSuffix, group.cost);
        companion(c.responseSuffix, group.response);
        companion(c.latencySuffix, group.latency);
        groups.push_back(group);
    }
    auto column = [&](const std::string& name) { return index.count(name) ? long(index[name]) : -1L; };
    long itemCol = column(c.item), categoryCol = column(c.category), promptCol = column(c.prompt);
    for (long col : {itemCol, categoryCol, promptCol})
        if (col >= 0) used.insert(size_t(col));
    std::string ignored;
    for (size_t i = 0; i < header.size(); ++i)
        if (!used.count(i)) ignored += (ignored.empty() ? "" : ", ") + (header[i].empty() ? "(unnamed)" : header[i]);
    if (!ignored.empty()) b.note(fileName + ": ignored column(s): " + ignored);

    size_t excluded = 0;
    for (size_t r = 1; r < records->size(); ++r) {
        const auto& rec = (*records)[r];
        if (rec.fields.size() != header.size()) {
            b.error(rec.line, std::to_string(rec.fields.size()) + " fields, the header has " +
                                  std::to_string(header.size()));
            continue;
        }
        std::string prompt = promptCol >= 0 ? rec.fields[size_t(promptCol)] : "";
        if (!c.excludePrompts.empty() && c.excludePrompts.count(prompt)) {
            ++excluded;
            continue;
        }
        std::string id = itemCol >= 0 ? rec.fields[size_t(itemCol)] : c.itemPrefix + "#" + std::to_string(r - 1);
        if (id.empty()) {
            b.error(rec.line, "no item id in column \"" + c.item + "\"");
            continue;
        }
        std::string category = categoryCol >= 0 ? rec.fields[size_t(categoryCol)] : c.fixedCategory;
        size_t item = b.item(id, category, prompt);
        for (const auto& g : groups) {
            CellInput cell;
            auto grade = parseGradeField(rec.fields[size_t(g.grade)]);
            if (!grade) {
                b.error(rec.line, "column \"" + header[size_t(g.grade)] + "\": " + grade.error());
                break;
            }
            cell.grade = *grade;
            bool bad = false;
            for (auto [col, target] : {std::pair{g.cost, &cell.costUsd}, std::pair{g.latency, &cell.latencyMs}}) {
                if (col < 0) continue;
                auto v = parseNumberField(rec.fields[size_t(col)], header[size_t(col)]);
                if (!v) {
                    b.error(rec.line, v.error());
                    bad = true;
                    break;
                }
                *target = *v;
            }
            if (bad) break;
            if (g.response >= 0) cell.response = rec.fields[size_t(g.response)];
            if (!cell.grade && !cell.costUsd && !cell.response) continue; // an empty group: the cell is missing
            b.add(item, g.model, std::move(cell), rec.line);
        }
    }
    if (excluded) b.note(fileName + ": excluded " + std::to_string(excluded) + " listed (contaminated) prompt(s)");
    return {};
}

Result<OutcomeMatrix> importWideCsv(const std::string& text, const std::string& fileName, const WideColumns& c) {
    MatrixBuilder b(fileName);
    auto added = addWideCsv(b, text, fileName, c);
    if (!added) return std::unexpected(added.error());
    return b.finish({});
}

} // namespace baton::core
