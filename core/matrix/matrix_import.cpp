// SPDX-License-Identifier: MIT
#include "matrix/matrix_import.h"
#include "io/csv_reader.h"
#include "matrix/mmlu_pro_import.h"
#include "util/file_io.h"
#include "util/sha256.h"
#include "util/json_text.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

namespace baton::core {

namespace fs = std::filesystem;

std::vector<std::string> expandMatrixPaths(const std::vector<std::string>& paths, const std::string& extension) {
    std::vector<std::string> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (!fs::is_directory(p, ec)) {
            files.push_back(p);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : fs::recursive_directory_iterator(p, ec))
            if (entry.is_regular_file() && entry.path().extension() == extension) found.push_back(entry.path().string());
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

Result<std::set<std::string>> loadExcludedPrompts(const std::string& path) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(text.error());
    std::set<std::string> prompts;
    std::istringstream in(*text);
    std::string line;
    for (size_t n = 1; std::getline(in, line); ++n) {
        if (line.find_first_not_of(" \r\t") == std::string::npos) continue;
        auto row = parseJsonOrDiscarded(line);
        if (row.is_discarded() || !row.contains("eval_prompt") || !row["eval_prompt"].is_string())
            return fail(ErrorKind::BadInput, path + ":" + std::to_string(n) + ": expected an object with eval_prompt");
        prompts.insert(row["eval_prompt"].get<std::string>());
    }
    return prompts;
}

namespace {

// RouteLLM: every CSV is one category (its file name without "mmlu_" / "_responses").
Status addRouteLlm(MatrixBuilder& b, const std::string& path, const std::string& text, WideColumns c) {
    std::string stem = fs::path(path).stem().string();
    if (stem.rfind("mmlu_", 0) == 0) stem = stem.substr(5);
    if (stem.size() > 10 && stem.ends_with("_responses")) stem = stem.substr(0, stem.size() - 10);
    c.item = "\x01none", c.category = "\x01none", c.prompt = "prompt";
    c.costSuffix = "", c.latencySuffix = "", c.responseSuffix = "_response";
    c.fixedCategory = stem, c.itemPrefix = stem;
    return addWideCsv(b, text, path, c);
}

// FrugalGPT summary tables: one point per (Method, Provider) row; the dataset is the category.
Status addFrugalGpt(MatrixBuilder& b, const std::string& path, const std::string& text) {
    auto records = parseCsv(text, path);
    if (!records) return std::unexpected(records.error());
    if (records->empty()) return fail(ErrorKind::BadInput, path + ": empty file");
    const auto& header = records->front().fields;
    auto col = [&](const char* name) {
        auto it = std::find(header.begin(), header.end(), name);
        return it == header.end() ? -1L : long(it - header.begin());
    };
    long acc = col("Test_acc"), cost = col("Test_cost"), size = col("Test_size"), method = col("Method"),
         provider = col("Provider"), budget = col("Budget");
    if (acc < 0 || cost < 0 || method < 0)
        return fail(ErrorKind::BadInput, path + ":1: expected FrugalGPT columns Test_acc, Test_cost, Method");
    std::string dataset = fs::path(path).stem().string();
    for (size_t r = 1; r < records->size(); ++r) {
        const auto& f = (*records)[r].fields;
        if (f.size() != header.size()) {
            b.error((*records)[r].line, "wrong number of fields");
            continue;
        }
        auto a = parseNumberField(f[size_t(acc)], "Test_acc"), c = parseNumberField(f[size_t(cost)], "Test_cost");
        if (!a || !*a || !c) {
            b.error((*records)[r].line, !a ? a.error() : !c ? c.error() : "no Test_acc");
            continue;
        }
        ModelPoint p;
        p.model = f[size_t(method)];
        if (budget >= 0 && p.model == "FrugalGPT")
            p.model = "FrugalGPT@" + f[size_t(budget)]; // one point of the cascade's budget curve
        else if (provider >= 0 && f[size_t(provider)] != p.model)
            p.model = f[size_t(provider)] + "/" + p.model;
        p.category = dataset, p.accuracy = **a, p.costUsd = c->value_or(std::numeric_limits<double>::quiet_NaN());
        if (size >= 0 && !f[size_t(size)].empty()) {
            // from_chars, not atoll: atoll of a number past int64 is undefined behaviour, and of "abc" 0.
            const std::string& text = f[size_t(size)];
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), p.n);
            if (ec != std::errc() || end != text.data() + text.size() || p.n < 0) {
                b.error((*records)[r].line,
                        "Test_size must be a whole number of test items (or empty), got \"" + text + "\"");
                continue;
            }
        }
        b.addPoint(p);
    }
    return {};
}

} // namespace

Result<OutcomeMatrix> importMatrix(const std::vector<std::string>& paths, const MatrixImportOptions& o) {
    std::string format = o.format;
    if (format == "zeroeval") format = "long";
    bool zip = format == "mmlu-pro";
    auto files = expandMatrixPaths(paths, zip ? ".zip" : ".csv");
    if (files.empty()) return fail(ErrorKind::BadInput, "no input files; give a file or a folder of them");
    MatrixProvenance provenance;
    provenance.format = o.format, provenance.importerVersion = kMatrixImporterVersion, provenance.importedAt = utcNowIso();
    std::string hashes;
    for (const auto& f : files) {
        provenance.sourceFile += (provenance.sourceFile.empty() ? "" : ", ") + f;
    }
    if (files.size() > 3)
        provenance.sourceFile = paths.front() + " (" + std::to_string(files.size()) + " files)";

    WideColumns wide = o.wideColumns;
    if (!o.excludePromptsFile.empty()) {
        auto excluded = loadExcludedPrompts(o.excludePromptsFile);
        if (!excluded) return std::unexpected(excluded.error());
        wide.excludePrompts = std::move(*excluded);
    }
    LongColumns longColumns = o.longColumns;
    if (o.format == "zeroeval") {
        longColumns.item = "id", longColumns.grade = "correct", longColumns.response = "model_answer";
        if (longColumns.fixedCategory.empty()) longColumns.fixedCategory = "gsm8k";
    }

    MatrixBuilder b(files.size() == 1 ? files.front() : paths.front());
    std::optional<OutcomeMatrix> single;
    for (const auto& f : files) {
        std::string content;
        if (zip) {
            auto added = addMmluProZip(b, f);
            if (!added) return std::unexpected(added.error());
            auto bytes = readTextFile(f);
            if (!bytes) return std::unexpected(bytes.error());
            hashes += sha256Hex(*bytes);
            continue;
        }
        auto text = readTextFile(f);
        if (!text) return std::unexpected(text.error());
        hashes += sha256Hex(*text);
        Status added;
        if (format == "routellm")
            added = addRouteLlm(b, f, *text, wide);
        else if (format == "wide")
            added = addWideCsv(b, *text, f, wide);
        else if (format == "frugalgpt")
            added = addFrugalGpt(b, f, *text);
        else if (format == "long") {
            if (files.size() != 1) return fail(ErrorKind::BadInput, "the long format reads one file at a time");
            bool jsonl = f.ends_with(".jsonl") || f.ends_with(".json");
            auto m = jsonl ? importLongJsonl(*text, f, longColumns) : importLongCsv(*text, f, longColumns);
            if (!m) return std::unexpected(m.error());
            single = std::move(*m);
        } else
            return fail(ErrorKind::BadInput, "unknown format \"" + o.format +
                                                 "\"; use long, wide, routellm, zeroeval, mmlu-pro or frugalgpt");
        if (!added) return std::unexpected(added.error());
    }
    provenance.sourceSha256 = files.size() == 1 ? hashes : sha256Hex(hashes);
    if (single) {
        provenance.notes = single->provenance.notes;
        single->provenance = provenance;
        return std::move(*single);
    }
    return b.finish(provenance);
}

} // namespace baton::core
