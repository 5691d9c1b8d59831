// SPDX-License-Identifier: MIT
#include "sim/replay_source.h"
#include "eval/answer_extraction.h"
#include "io/csv_reader.h"
#include "util/file_io.h"
#include "util/whole_number.h"
#include "util/json_text.h"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace baton::core {
namespace {

using Fields = std::map<std::string, std::string>;

constexpr int64_t kMaxRecordedTokens = 1'000'000'000'000'000; // 10^15

/// Reads one record from named fields; "" when fine, else the problem.
std::string readRecord(const Fields& f, std::string& model, std::string& item, ReplayRecord& r) {
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto it = f.find(key);
        return it == f.end() || it->second.empty() ? std::nullopt : std::optional(it->second);
    };
    auto number = [&](const char* key, std::optional<double>& into) -> bool {
        auto text = get(key);
        if (!text) return true;
        into = parseNumber(*text);
        return into.has_value();
    };
    // A token count is checked before it becomes an integer: casting 1e25 to int64_t is undefined behaviour.
    auto tokens = [&](const char* key, std::optional<int64_t>& into) -> std::string {
        std::optional<double> v;
        bool fine = number(key, v);
        if (fine && v) fine = (into = wholeNumberIn(*v, 0, kMaxRecordedTokens)).has_value();
        if (!fine)
            return "\"" + std::string(key) + "\" must be a whole number of tokens from 0 to 10^15, got \"" + *get(key) +
                   "\"; fix the recorded outcome or leave the field empty";
        return "";
    };
    auto itemField = get("item") ? get("item") : get("item_id");
    if (!itemField) return "no \"item\" field";
    if (!get("model")) return "no \"model\" field";
    item = *itemField;
    model = *get("model");
    r.response = get("response").value_or("");
    if (!number("grade", r.grade)) return "\"grade\" is not a number";
    if (auto problem = tokens("input_tokens", r.inputTokens); !problem.empty()) return problem;
    if (auto problem = tokens("output_tokens", r.outputTokens); !problem.empty()) return problem;
    if (!number("cost", r.costUsd)) return "\"cost\" is not a number";
    return "";
}

std::string scalar(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
    return v.dump();
}

} // namespace

Result<ReplaySource> ReplaySource::parse(const std::string& text, const std::string& fileName) {
    std::vector<std::pair<size_t, Fields>> rows;
    std::vector<Diagnostic> problems;
    if (std::filesystem::path(fileName).extension() == ".csv") {
        auto records = parseCsv(text, fileName);
        if (!records) return std::unexpected(records.error());
        if (records->empty()) return fail(ErrorKind::BadInput, fileName + ": empty file; expected a header row");
        const auto& header = records->front().fields;
        for (size_t i = 1; i < records->size(); ++i) {
            const auto& rec = (*records)[i];
            if (rec.fields.size() != header.size()) {
                problems.push_back({Severity::Error, fileName, "line " + std::to_string(rec.line),
                                    "expected " + std::to_string(header.size()) + " columns"});
                continue;
            }
            Fields f;
            for (size_t c = 0; c < header.size(); ++c)
                f[header[c]] = rec.fields[c];
            rows.emplace_back(rec.line, std::move(f));
        }
    } else {
        size_t line = 0, pos = 0;
        while (pos < text.size()) {
            size_t end = text.find('\n', pos);
            std::string row = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            pos = end == std::string::npos ? text.size() : end + 1;
            ++line;
            if (row.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto doc = parseJsonOrDiscarded(row);
            if (!doc.is_object()) {
                problems.push_back({Severity::Error, fileName, "line " + std::to_string(line), "not a JSON object"});
                continue;
            }
            Fields f;
            for (auto it = doc.begin(); it != doc.end(); ++it)
                f[it.key()] = scalar(*it);
            rows.emplace_back(line, std::move(f));
        }
    }
    ReplaySource source;
    for (const auto& [line, fields] : rows) {
        std::string model, item;
        ReplayRecord record;
        if (auto problem = readRecord(fields, model, item, record); !problem.empty())
            problems.push_back({Severity::Error, fileName, "line " + std::to_string(line), problem});
        else
            source.m_records[{model, item}] = std::move(record);
    }
    if (!problems.empty())
        return fail(ErrorKind::BadInput,
                    fileName + ": " + std::to_string(problems.size()) + " bad line(s) in the outcome matrix", problems);
    if (source.m_records.empty()) return fail(ErrorKind::BadInput, fileName + ": no recorded responses");
    return source;
}

Result<ReplaySource> ReplaySource::load(const std::string& path) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(text.error());
    return parse(*text, path);
}

const ReplayRecord* ReplaySource::find(const std::string& model, const std::string& itemId) const {
    auto it = m_records.find({model, itemId});
    return it == m_records.end() ? nullptr : &it->second;
}

std::vector<std::string> ReplaySource::models() const {
    std::vector<std::string> out;
    for (const auto& [key, record] : m_records)
        if (out.empty() || out.back() != key.first) out.push_back(key.first);
    return out;
}

} // namespace baton::core
