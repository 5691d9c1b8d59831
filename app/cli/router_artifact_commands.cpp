// SPDX-License-Identifier: MIT
// baton-cli router show | export | import: the routers saved in a workspace, and as files.

#include "cli_output.h"
#include "command.h"
#include "learn/router_artifact.h"
#include "matrix_source.h"
#include "router_aiq_text.h"
#include "store/workspace.h"
#include "util/file_io.h"
#include "util/json_text.h"

#include <cstdio>
#include <iostream>

namespace baton::cli {
namespace {

std::string usdText(const nlohmann::json& v) {
    return v.is_number() ? "$" + fixedOrUnknown(v.get<double>(), 6) : std::string("unknown");
}

void printArtifact(const core::RouterArtifact& a) {
    const auto& p = a.parameters;
    const auto& m = a.metrics;
    std::printf("Router %s\n", a.selector().c_str());
    std::printf("  learner      %s (%s)\n", a.model.learner.c_str(),
                a.model.learner == "mf" ? ("matrix factorisation, " + p.value("factors", nlohmann::json()).dump() + " factors").c_str()
                                        : ("per-model L2 logistic regression, C " + p.value("c", nlohmann::json()).dump()).c_str());
    const auto& f = a.model.features;
    if (f.usesEmbeddings())
        std::printf("  features     embeddings from %s (%s, %d dimensions) + category (%zu known)\n",
                    f.embedderModel().c_str(), f.embedder().c_str(), f.embeddingDims(), f.categories().size());
    else
        std::printf("  features     hashed TF-IDF (%d buckets) + category (%zu known)\n", f.text().buckets(),
                    f.categories().size());
    std::printf("  calibration  %s, on %s validation items\n", a.model.isotonic.empty() ? "Platt" : "isotonic",
                p.value("validation_items", nlohmann::json()).dump().c_str());
    std::printf("  data         sha256 %s (%s)\n", a.trainingDataHash.c_str(),
                p.contains("training_data") ? p["training_data"].value("source", std::string("?")).c_str() : "?");
    std::printf("  lambda       %g, chosen by %s\n", a.defaultLambda(), p.value("lambda_chosen_by", std::string("?")).c_str());
    std::printf("  models (P(correct) - lambda x expected cost per item):\n");
    const nlohmann::json calibration = m.value("test_calibration", nlohmann::json::array());
    for (size_t k = 0; k < a.model.models.size(); ++k) {
        double cost = a.model.expectedCostUsd[k];
        std::string ece = k < calibration.size() ? "test Brier " + fixedOrUnknown(calibration[k].value("brier", NAN), 4) +
                                                       ", ECE " + fixedOrUnknown(calibration[k].value("ece", NAN), 4)
                                                 : "";
        std::printf("    %-28s expected $%s  %s\n", a.model.models[k].c_str(), fixedOrUnknown(cost, 6).c_str(), ece.c_str());
    }
    if (m.contains("test")) {
        std::printf("  held-out test items (%s): accuracy %.4f at %s per item; ", p.value("test_items", nlohmann::json()).dump().c_str(),
                    m["test"].value("accuracy", NAN), usdText(m["test"]["mean_cost_usd"]).c_str());
        std::printf("oracle %.4f\n", m.contains("test_oracle") ? m["test_oracle"].value("accuracy", NAN) : NAN);
        for (const auto& s : m.value("test_singles", nlohmann::json::array()))
            std::printf("    single %-21s accuracy %.4f at %s\n", s.value("model", std::string()).c_str(),
                        s.value("accuracy", NAN), usdText(s["mean_cost_usd"]).c_str());
        std::printf("%s", routerAiqText(a).c_str());
    }
}

core::Result<core::RouterArtifact> load(const std::string& db, const std::string& selector) {
    auto workspace = core::Workspace::openForReading(db);
    if (!workspace) return std::unexpected(workspace.error());
    auto reader = workspace->openReader();
    if (!reader) return std::unexpected(reader.error());
    return core::loadRouterArtifact(**reader, selector);
}

int showCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || args.positional.size() > 1) return usageError("router show needs --db DB and at most one NAME[@V]", "router show");
    if (args.positional.empty()) {
        auto workspace = core::Workspace::openForReading(*db);
        if (!workspace) return reportError(workspace.error(), json);
        auto reader = workspace->openReader();
        if (!reader) return reportError(reader.error(), json);
        auto list = core::listRouters(**reader);
        if (!list) return reportError(list.error(), json);
        nlohmann::json out = nlohmann::json::array();
        for (const auto& r : *list)
            out.push_back({{"router", r.name + "@" + std::to_string(r.version)}, {"learner", r.learner},
                           {"models", nlohmann::json::parse(r.models, nullptr, false)}, {"created_at_ms", r.createdAtMs},
                           {"training_data_hash", r.trainingDataHash}});
        if (json) return printJson(out), Ok;
        if (list->empty()) std::cout << "No routers in " << *db << "; train one with `baton-cli router train`.\n";
        for (const auto& r : out)
            std::cout << r["router"].get<std::string>() << "  " << r["learner"].get<std::string>() << "  "
                      << r["models"].dump() << "\n";
        return Ok;
    }
    auto artifact = load(*db, args.positional[0]);
    if (!artifact) return reportError(artifact.error(), json);
    if (json) {
        nlohmann::json out = core::routerArtifactToJson(*artifact);
        out.erase("model"); // the weights: `router export` writes them
        out["router"] = artifact->selector();
        out["learner"] = artifact->model.learner;
        out["models"] = artifact->model.models;
        return printJson(out), Ok;
    }
    printArtifact(*artifact);
    return Ok;
}

int exportCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    auto out = args.value("--out");
    if (!db || !out || args.positional.size() != 1)
        return usageError("router export needs NAME[@V], --db DB and --out FILE", "router export");
    auto artifact = load(*db, args.positional[0]);
    if (!artifact) return reportError(artifact.error(), json);
    if (auto ok = core::writeFileAtomically(*out, core::routerArtifactToJson(*artifact).dump() + "\n"); !ok)
        return reportError(ok.error(), json);
    if (json) return printJson({{"ok", true}, {"router", artifact->selector()}, {"file", *out}}), Ok;
    std::cout << "Wrote router " << artifact->selector() << " to " << *out << "\n";
    return Ok;
}

int importCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || args.positional.size() != 1) return usageError("router import needs FILE and --db DB", "router import");
    const std::string& file = args.positional[0];
    auto text = core::readTextFile(file);
    if (!text) return reportError(text.error(), json);
    auto parsed = core::parseJsonOrDiscarded(*text);
    if (parsed.is_discarded())
        return reportError({core::ErrorKind::BadInput, file + ": not JSON; a router file is written by `router export`", {}}, json);
    auto artifact = core::routerArtifactFromJson(parsed, file);
    if (!artifact) return reportError(artifact.error(), json);
    std::string from = artifact->selector();
    if (auto name = args.value("--name")) artifact->name = *name;
    auto workspace = core::Workspace::open(*db, true);
    if (!workspace) return reportError(workspace.error(), json);
    if (auto saved = core::saveRouterArtifact(*workspace->writer(), *artifact); !saved) return reportError(saved.error(), json);
    if (json) return printJson({{"ok", true}, {"router", artifact->selector()}, {"from", from}}), Ok;
    std::cout << "Imported router " << from << " from " << file << " as " << artifact->selector() << "\n";
    return Ok;
}

} // namespace

std::vector<Command> routerArtifactCommands() {
    return {{"router show", "the routers saved in a workspace, or one of them in detail",
             "Usage: baton-cli router show [NAME[@V]] --db DB [--json]\n\n"
             "Without NAME: every router version in DB. With NAME (the latest version) or NAME@V: its\n"
             "learner, features, calibration, training-data hash, parameters, chosen lambda, expected cost\n"
             "per model and its figures on the held-out test items. --json adds the validation curve.\n",
             {{"--db", true}},
             showCommand},
            {"router export", "write a saved router to a file",
             "Usage: baton-cli router export NAME[@V] --db DB --out FILE [--json]\n\n"
             "Writes the router (model, metrics, parameters) as a JSON file that `router import` reads.\n",
             {{"--db", true}, {"--out", true}},
             exportCommand},
            {"router import", "save a router file in a workspace",
             "Usage: baton-cli router import FILE --db DB [--name NAME] [--json]\n\n"
             "Reads a file written by `router export` and saves it as the next version of its name (or\n"
             "of NAME) in DB.\n",
             {{"--db", true}, {"--name", true}},
             importCommand}};
}

} // namespace baton::cli
