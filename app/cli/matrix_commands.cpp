// SPDX-License-Identifier: MIT
// baton-cli matrix import | from-run | show | list

#include "cli_output.h"
#include "util/printable.h"
#include "command.h"
#include "matrix/matrix_import.h"
#include "matrix/matrix_store.h"
#include "matrix/run_matrix.h"
#include "matrix_source.h"
#include "replay/model_stats.h"
#include "store/workspace.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace baton::cli {
namespace {

std::vector<std::string> commaList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string v; std::getline(in, v, ',');)
        if (!v.empty()) out.push_back(v);
    return out;
}

nlohmann::json provenanceJson(const core::MatrixProvenance& p) {
    return {{"format", p.format},       {"source_file", p.sourceFile},       {"source_sha256", p.sourceSha256},
            {"importer_version", p.importerVersion}, {"imported_at", p.importedAt}, {"notes", p.notes}};
}

int save(const std::string& db, const core::OutcomeMatrix& m, const std::string& name, bool json) {
    auto workspace = core::Workspace::open(db, true);
    if (!workspace) return reportError(workspace.error(), json);
    auto id = core::saveMatrix(*workspace->writer(), m, name);
    if (!id) return reportError(id.error(), json);
    if (json) {
        printJson({{"ok", true}, {"id", *id}, {"name", name}, {"items", m.itemCount()}, {"models", m.modelCount()},
                   {"cells", m.presentCells()}, {"points", m.points.size()}, {"provenance", provenanceJson(m.provenance)}});
        return Ok;
    }
    std::cout << "Saved matrix " << *id << " \"" << core::printable(name) << "\": " << m.itemCount() << " items x " << m.modelCount()
              << " models, " << m.presentCells() << " graded cells";
    if (!m.points.empty()) std::cout << ", " << m.points.size() << " summary points";
    std::cout << "\n  source " << core::printable(m.provenance.sourceFile) << " (sha256 " << m.provenance.sourceSha256.substr(0, 16)
              << "...)\n";
    for (const auto& note : m.provenance.notes)
        std::cout << "  note: " << core::printable(note) << "\n";
    return Ok;
}

int importCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    auto format = args.value("--format");
    if (args.positional.empty() || !db || !format)
        return usageError("matrix import needs FILE, --format F and --db DB", "matrix import");
    core::MatrixImportOptions o;
    o.format = *format;
    std::map<std::string, std::string> mapping;
    for (const auto& m : args.all("--map")) {
        auto eq = m.find('=');
        if (eq == std::string::npos) return usageError("--map " + m + ": expected FIELD=COLUMN", "matrix import");
        mapping[m.substr(0, eq)] = m.substr(eq + 1);
    }
    if (auto applied = o.longColumns.apply(mapping); !applied) return reportError(applied.error(), json);
    if (auto v = args.value("--models")) o.wideColumns.models = commaList(*v);
    if (auto v = args.value("--item-column")) o.wideColumns.item = *v;
    if (auto v = args.value("--category-column")) o.wideColumns.category = *v;
    if (auto v = args.value("--prompt-column")) o.wideColumns.prompt = *v;
    if (auto v = args.value("--cost-suffix")) o.wideColumns.costSuffix = *v;
    if (auto v = args.value("--response-suffix")) o.wideColumns.responseSuffix = *v;
    if (auto v = args.value("--category")) o.wideColumns.fixedCategory = o.longColumns.fixedCategory = *v;
    o.excludePromptsFile = args.value("--exclude-prompts").value_or("");
    auto m = core::importMatrix(args.positional, o);
    if (!m) return reportError(m.error(), json);
    std::string name = args.value("--name").value_or(std::filesystem::path(args.positional[0]).stem().string());
    return save(*db, *m, name, json);
}

int fromRunCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (args.positional.size() != 1 || !db) return usageError("matrix from-run needs RUN and --db DB", "matrix from-run");
    auto m = openMatrix(*db, "run:" + args.positional[0]);
    if (!m) return reportError(m.error(), json);
    return save(*db, *m, args.value("--name").value_or("run-" + args.positional[0]), json);
}

int showCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (args.positional.size() != 1 || !db) return usageError("matrix show needs MATRIX and --db DB", "matrix show");
    auto m = openMatrix(*db, args.positional[0]);
    if (!m) return reportError(m.error(), json);
    auto stats = core::modelStats(*m);
    auto complete = core::completeItems(*m);
    auto oracle = core::oracleChoices(*m, complete);
    double oracleRight = 0;
    for (size_t k = 0; k < complete.size(); ++k)
        oracleRight += m->grade[m->cell(complete[k], oracle[k])];
    double oracleAccuracy = complete.empty() ? NAN : oracleRight / double(complete.size());
    if (json) {
        nlohmann::json models = nlohmann::json::array();
        for (const auto& s : stats)
            models.push_back({{"model", s.model}, {"n", s.n}, {"accuracy", s.accuracy}, {"ci_low", s.ci.low},
                              {"ci_high", s.ci.high}, {"mean_cost_usd", numberOrNull(s.meanCostUsd)},
                              {"unknown_cost", s.unknownCost}, {"p50_latency_ms", numberOrNull(s.p50LatencyMs)}});
        nlohmann::json points = nlohmann::json::array();
        for (const auto& p : m->points)
            points.push_back({{"model", p.model}, {"category", p.category}, {"accuracy", p.accuracy},
                              {"cost_usd", numberOrNull(p.costUsd)}, {"n", p.n}});
        printJson({{"name", m->name}, {"items", m->itemCount()}, {"models", models}, {"categories", m->categories},
                   {"complete_items", complete.size()}, {"oracle_accuracy", numberOrNull(oracleAccuracy)},
                   {"scorers", m->scorerNames}, {"bytes_per_cell", m->bytesPerCell()}, {"points", points},
                   {"provenance", provenanceJson(m->provenance)}});
        return Ok;
    }
    // Names of the matrix, its models and categories come from the imported file (session 16:
    // a model named "\u001b[2J" cleared the screen).
    std::cout << "Matrix \"" << core::printable(m->name) << "\": " << m->itemCount() << " items, " << m->modelCount() << " models, "
              << m->categories.size() << " categories, " << m->presentCells() << " graded cells ("
              << fixedOrUnknown(m->bytesPerCell(), 0) << " bytes per cell plus text)\n"
              << "  from " << m->provenance.format << ": " << core::printable(m->provenance.sourceFile) << "\n  sha256 "
              << m->provenance.sourceSha256 << ", importer v" << m->provenance.importerVersion << ", "
              << m->provenance.importedAt << "\n";
    for (const auto& note : m->provenance.notes)
        std::cout << "  note: " << core::printable(note) << "\n";
    char line[512];
    std::snprintf(line, sizeof line, "\n  %-40s %7s %8s %17s %12s %10s\n", "model", "n", "accuracy", "95% CI",
                  "cost/item", "p50 ms");
    std::cout << line;
    for (const auto& s : stats) {
        std::snprintf(line, sizeof line, "  %-40s %7lld %8.4f   [%.4f, %.4f] %12s %10s\n", core::printable(s.model).c_str(),
                      (long long)s.n, s.accuracy, s.ci.low, s.ci.high, fixedOrUnknown(s.meanCostUsd, 6).c_str(),
                      fixedOrUnknown(s.p50LatencyMs, 0).c_str());
        std::cout << line;
    }
    std::snprintf(line, sizeof line, "  %-40s %7zu %8s\n", "oracle (best model per item)", complete.size(),
                  fixedOrUnknown(oracleAccuracy, 4).c_str());
    std::cout << line;
    for (const auto& p : m->points) {
        std::snprintf(line, sizeof line, "  point %-34s %7lld %8.4f %29s  (%s)\n", core::printable(p.model).c_str(),
                      (long long)p.n, p.accuracy, fixedOrUnknown(p.costUsd, 6).c_str(), core::printable(p.category).c_str());
        std::cout << line;
    }
    return Ok;
}

int listCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db) return usageError("matrix list needs --db DB", "matrix list");
    auto workspace = core::Workspace::open(*db, false);
    if (!workspace) return reportError(workspace.error(), json);
    auto list = core::listMatrices(*workspace->writer());
    if (!list) return reportError(list.error(), json);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : *list) {
        out.push_back({{"id", i.id}, {"name", i.name}, {"items", i.items}, {"models", i.models}, {"cells", i.cells},
                       {"provenance", provenanceJson(i.provenance)}});
        if (!json)
            std::cout << i.id << "  " << core::printable(i.name) << "  " << i.items << " items x " << i.models << " models  ("
                      << i.provenance.format << ", " << i.provenance.importedAt << ")\n";
    }
    if (json) printJson(out);
    return Ok;
}

} // namespace

std::vector<Command> matrixCommands() {
    return {
        {"matrix import", "import recorded outcomes (long, wide, routellm, zeroeval, mmlu-pro, frugalgpt)",
         "Usage: baton-cli matrix import FILE|FOLDER... --format F --db DB [--name N] [format options]\n\n"
         "Reads recorded evaluation outcomes into an outcome matrix (items x models) saved in the\n"
         "workspace with its provenance. Missing cells stay missing (never 0); every bad line is listed.\n\n"
         "Formats:\n"
         "  long       one row per (item, model): columns item, model, grade, cost_usd, latency_ms,\n"
         "             input_tokens, output_tokens, response, category, prompt, score:NAME (CSV or JSONL);\n"
         "             rename with --map FIELD=COLUMN\n"
         "  wide       one row per item: <model> = grade, <model>|total_cost, <model>|model_response,\n"
         "             prompt, eval_name, sample_id (RouterBench); --models, --item-column,\n"
         "             --category-column, --prompt-column, --cost-suffix, --response-suffix\n"
         "  routellm   RouteLLM response CSVs, a file or a folder (the file name is the category);\n"
         "             --exclude-prompts contaminated_prompts.jsonl skips prompts by eval_prompt\n"
         "  zeroeval   ZeroEval gsm_correctness.csv (id, model, correct, model_answer)\n"
         "  mmlu-pro   MMLU-Pro model output zips, files or a folder (grade: pred == answer)\n"
         "  frugalgpt  FrugalGPT summary tables: per-model accuracy and cost points, no cells\n",
         {{"--db", true}, {"--format", true}, {"--name", true}, {"--map", true, true}, {"--models", true},
          {"--item-column", true}, {"--category-column", true}, {"--prompt-column", true}, {"--cost-suffix", true},
          {"--response-suffix", true}, {"--category", true}, {"--exclude-prompts", true}},
         importCommand},
        {"matrix from-run", "save a run's baselines as an outcome matrix",
         "Usage: baton-cli matrix from-run RUN --db DB [--name N]\n\nEvery baseline of the run (a strategy "
         "named after a pool model) becomes a model column: grade, cost (unknown stays unknown), latency, "
         "answer.\nAny command that takes MATRIX also accepts run:N directly.\n",
         {{"--db", true}, {"--name", true}},
         fromRunCommand},
        {"matrix show", "a matrix's provenance and per-model figures",
         "Usage: baton-cli matrix show MATRIX --db DB [--json]\n\nMATRIX is a saved matrix's name or id, or run:N. "
         "Prints the provenance, per-model accuracy with its 95% Wilson interval, cost per item,\np50 latency "
         "and the oracle (the best model per item, cheapest among ties) on items graded for every model.\n",
         {{"--db", true}},
         showCommand},
        {"matrix list", "the outcome matrices in a workspace", "Usage: baton-cli matrix list --db DB [--json]\n",
         {{"--db", true}},
         listCommand},
    };
}

} // namespace baton::cli
