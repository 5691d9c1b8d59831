// SPDX-License-Identifier: MIT
#include "matrix/long_table_import.h"
#include "io/csv_reader.h"
#include "matrix/matrix_builder.h"
#include "util/json_text.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

namespace baton::core {

Status LongColumns::apply(const std::map<std::string, std::string>& mapping) {
    std::map<std::string, std::string*> fields = {
        {"item", &item},       {"model", &model},         {"grade", &grade},
        {"cost", &cost},       {"latency", &latency},     {"input_tokens", &inputTokens},
        {"output_tokens", &outputTokens}, {"response", &response}, {"category", &category},
        {"prompt", &prompt},   {"category_value", &fixedCategory}};
    for (const auto& [field, column] : mapping) {
        auto it = fields.find(field);
        if (it == fields.end())
            return fail(ErrorKind::BadInput, "unknown field \"" + field +
                                                 "\" in --map; use item, model, grade, cost, latency, input_tokens, "
                                                 "output_tokens, response, category, prompt or category_value");
        *it->second = column;
    }
    return {};
}

namespace {

// Reads one row given as field -> text (absent fields are missing); `scores` as (name, text).
template <class Get, class Scores>
void addRow(MatrixBuilder& b, const LongColumns& c, size_t line, Get get, const Scores& scores) {
    auto itemId = get(c.item), model = get(c.model);
    if (!itemId || itemId->empty()) return b.error(line, "no item id in column \"" + c.item + "\"");
    if (!model || model->empty()) return b.error(line, "no model in column \"" + c.model + "\"");
    CellInput cell;
    auto grade = parseGradeField(get(c.grade).value_or(""));
    if (!grade) return b.error(line, grade.error());
    cell.grade = *grade;
    struct Numeric {
        const std::string& column;
        std::optional<double>* target;
    };
    for (Numeric n : {Numeric{c.cost, &cell.costUsd}, Numeric{c.latency, &cell.latencyMs}}) {
        auto text = get(n.column);
        if (!text) continue;
        auto value = parseNumberField(*text, n.column);
        if (!value) return b.error(line, value.error());
        *n.target = *value;
    }
    for (auto [column, target] : {std::pair{&c.inputTokens, &cell.inputTokens}, std::pair{&c.outputTokens, &cell.outputTokens}}) {
        auto text = get(*column);
        if (!text) continue;
        auto count = parseTokenCountField(*text, *column);
        if (!count) return b.error(line, count.error());
        *target = *count;
    }
    if (auto r = get(c.response)) cell.response = std::string(*r);
    for (const auto& [name, text] : scores) {
        auto value = parseNumberField(text, "score");
        if (!value) return b.error(line, parseNumberField(text, "score " + std::string(name)).error());
        if (*value) cell.scorers.emplace_back(std::string(name), **value);
    }
    std::string category = c.fixedCategory.empty() ? std::string(get(c.category).value_or("")) : c.fixedCategory;
    size_t item = b.item(*itemId, category, get(c.prompt).value_or(""));
    b.add(item, b.model(*model), std::move(cell), line);
}

std::string fileSuffixNote(const std::vector<std::string>& ignored) {
    std::string list;
    for (const auto& name : ignored)
        list += (list.empty() ? "" : ", ") + name;
    return "ignored column(s): " + list;
}

} // namespace

Result<OutcomeMatrix> importLongCsv(const std::string& text, const std::string& fileName, const LongColumns& c) {
    if (auto ok = requireUtf8(text, fileName); !ok) return std::unexpected(ok.error());
    CsvCursor cursor(text, fileName);
    CsvRecord header;
    auto first = cursor.next(header);
    if (!first) return std::unexpected(first.error());
    if (!*first) return fail(ErrorKind::BadInput, fileName + ": empty file; expected a header row");
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < header.fields.size(); ++i)
        index[header.fields[i]] = i;
    for (const std::string* required : {&c.item, &c.model, &c.grade})
        if (!index.count(*required))
            return fail(ErrorKind::BadInput, fileName + ":1: no column \"" + *required +
                                                 "\"; name it with --map (e.g. --map item=id --map grade=correct)");
    std::vector<std::pair<std::string, size_t>> scorerColumns;
    std::vector<std::string> ignored;
    for (size_t i = 0; i < header.fields.size(); ++i) {
        const auto& h = header.fields[i];
        if (h.rfind(c.scorerPrefix, 0) == 0)
            scorerColumns.emplace_back(h.substr(c.scorerPrefix.size()), i);
        else if (h != c.item && h != c.model && h != c.grade && h != c.cost && h != c.latency &&
                 h != c.inputTokens && h != c.outputTokens && h != c.response && h != c.category && h != c.prompt)
            ignored.push_back(h);
    }
    // Each named column's position, looked up once (the rows are millions): a handful of pairs
    // searched by the column name's address, as addRow asks by LongColumns' members.
    std::vector<std::pair<const std::string*, size_t>> position;
    for (const std::string* column : {&c.item, &c.model, &c.grade, &c.cost, &c.latency, &c.inputTokens,
                                      &c.outputTokens, &c.response, &c.category, &c.prompt})
        if (auto it = index.find(*column); it != index.end()) position.emplace_back(column, it->second);
    MatrixBuilder b(fileName);
    b.reserve(size_t(std::count(text.begin(), text.end(), '\n'))); // about one cell per line
    if (!ignored.empty()) b.note(fileSuffixNote(ignored));
    const size_t columns = header.fields.size();
    CsvRecord rec;
    std::vector<std::pair<std::string_view, std::string_view>> scores;
    for (;;) {
        auto more = cursor.next(rec);
        if (!more) return std::unexpected(more.error());
        if (!*more) break;
        if (rec.fields.size() != columns) {
            b.error(rec.line, std::to_string(rec.fields.size()) + " fields, the header has " + std::to_string(columns));
            continue;
        }
        auto get = [&](const std::string& column) -> std::optional<std::string_view> {
            for (const auto& [name, at] : position)
                if (name == &column) return std::string_view(rec.fields[at]);
            return std::nullopt;
        };
        scores.clear();
        for (const auto& [name, col] : scorerColumns)
            scores.emplace_back(name, rec.fields[col]);
        addRow(b, c, rec.line, get, scores);
    }
    return b.finish({});
}

Result<OutcomeMatrix> importLongJsonl(const std::string& text, const std::string& fileName, const LongColumns& c) {
    if (auto ok = requireUtf8(text, fileName); !ok) return std::unexpected(ok.error());
    MatrixBuilder b(fileName);
    std::istringstream in(text);
    std::string lineText;
    for (size_t line = 1; std::getline(in, lineText); ++line) {
        if (lineText.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto row = parseJsonOrDiscarded(lineText);
        if (row.is_discarded() || !row.is_object()) {
            b.error(line, "not a JSON object");
            continue;
        }
        auto get = [&](const std::string& key) -> std::optional<std::string> {
            auto it = row.find(key);
            if (it == row.end() || it->is_null()) return std::nullopt;
            if (it->is_string()) return it->get<std::string>();
            if (it->is_boolean()) return std::string(it->get<bool>() ? "true" : "false");
            return it->dump();
        };
        std::vector<std::pair<std::string, std::string>> scores;
        for (const auto& [key, value] : row.items())
            if (key.rfind(c.scorerPrefix, 0) == 0 && !value.is_null())
                scores.emplace_back(key.substr(c.scorerPrefix.size()), value.is_string() ? value.get<std::string>()
                                                                                          : value.dump());
        addRow(b, c, line, get, scores);
    }
    return b.finish({});
}

} // namespace baton::core
