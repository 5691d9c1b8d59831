// SPDX-License-Identifier: MIT
#include "learn/router_artifact.h"
#include "util/json_whole.h"
#include "util/sha256.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace baton::core {
namespace {

nlohmann::json costOrNull(double usd) {
    return std::isnan(usd) ? nlohmann::json() : nlohmann::json(usd);
}

void appendBytes(std::string& out, const void* data, size_t n) {
    out.append(static_cast<const char*>(data), n);
}

} // namespace

double RouterArtifact::defaultLambda() const {
    auto it = parameters.find("lambda");
    return it != parameters.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string outcomeMatrixHash(const OutcomeMatrix& m) {
    std::string bytes;
    auto text = [&](const std::string& s) {
        uint64_t n = s.size();
        appendBytes(bytes, &n, sizeof n);
        bytes += s;
    };
    for (const auto& s : m.models)
        text(s);
    for (const auto& s : m.itemIds)
        text(s);
    for (size_t i = 0; i < m.itemCount(); ++i)
        text(m.categoryOf(i));
    for (const auto& s : m.prompts)
        text(s);
    appendBytes(bytes, m.grade.data(), m.grade.size() * sizeof(float));
    appendBytes(bytes, m.costUsd.data(), m.costUsd.size() * sizeof(double));
    return sha256Hex(bytes);
}

nlohmann::json routerModelToJson(const RouterModel& r) {
    nlohmann::json perModel = nlohmann::json::array();
    for (size_t m = 0; m < r.models.size(); ++m) {
        nlohmann::json costs = nlohmann::json::object();
        for (const auto& [category, values] : r.categoryCostUsd)
            costs[category] = costOrNull(values[m]);
        perModel.push_back({{"model", r.models[m]},
                            {"bias", r.perModel[m].bias},
                            {"weights", r.perModel[m].weights},
                            {"platt", {{"a", r.calibration[m].a}, {"b", r.calibration[m].b}}},
                            {"expected_cost_usd", costOrNull(r.expectedCostUsd[m])},
                            {"category_cost_usd", costs}});
        if (!r.isotonic.empty())
            perModel.back()["isotonic"] = {{"log_odds", r.isotonic[m].logOdds}, {"p", r.isotonic[m].probability}};
    }
    return {{"learner", r.learner},
            {"calibration", r.isotonic.empty() ? "platt" : "isotonic"},
            {"features", r.features.usesEmbeddings()
                             ? nlohmann::json{{"kind", RouterFeatures::kEmbeddings},
                                              {"embedder", r.features.embedder()},
                                              {"embedder_model", r.features.embedderModel()},
                                              {"dims", r.features.embeddingDims()},
                                              {"categories", r.features.categories()}}
                             : nlohmann::json{{"kind", RouterFeatures::kTfidf}, {"buckets", r.features.text().buckets()},
                                              {"idf", r.features.text().idf()}, {"categories", r.features.categories()}}},
            {"models", perModel}};
}

Result<RouterModel> routerModelFromJson(const nlohmann::json& j, const std::string& where) {
    auto bad = [&](const std::string& what) {
        return fail(ErrorKind::BadInput, where + ": " + what + "; the router cannot be read (train it again or export it "
                                                                "from the workspace that has it)");
    };
    // Training writes a cost of at least 0 or null (unknown); a negative one would make the router prefer that model.
    auto costOf = [](const nlohmann::json& v, const std::string& what) -> double {
        if (v.is_null()) return NAN;
        double usd = v.get<double>();
        if (!(usd >= 0)) throw JsonRangeError(what + " must be a cost in USD of at least 0 (or null), got " + v.dump());
        return usd;
    };
    try {
        RouterModel r;
        if (!j.is_object()) return bad("the model is not a JSON object");
        r.learner = j.at("learner").get<std::string>();
        if (r.learner != "logistic" && r.learner != "mf") return bad("unknown learner \"" + r.learner + "\"");
        if (auto c = j.value("calibration", "platt"); c != "platt" && c != "isotonic")
            return bad("unknown calibration \"" + c + "\"");
        const auto& f = j.at("features");
        auto kind = f.at("kind").get<std::string>();
        if (kind == RouterFeatures::kEmbeddings) {
            int dims = wholeAs<int>(f.at("dims"), "features.dims");
            auto embedder = f.at("embedder").get<std::string>();
            if (dims <= 0 || embedder.empty()) return bad("features: an embedder and a positive dims are needed");
            r.features = RouterFeatures::embeddings(embedder, f.value("embedder_model", ""), dims, nullptr,
                                                    f.at("categories").get<std::vector<std::string>>());
        } else if (kind == RouterFeatures::kTfidf) {
            auto idf = floatsAs(f.at("idf"), "features.idf");
            if (idf.empty() || int(idf.size()) != wholeAs<int>(f.at("buckets"), "features.buckets"))
                return bad("features.idf has " + std::to_string(idf.size()) + " weights, not features.buckets");
            r.features = RouterFeatures(TfidfVectorizer(std::move(idf)), f.at("categories").get<std::vector<std::string>>());
        } else
            return bad("unknown features \"" + kind + "\"");
        const auto& models = j.at("models");
        if (!models.is_array() || models.empty()) return bad("\"models\" is empty");
        for (size_t m = 0; m < models.size(); ++m) {
            const auto& e = models[m];
            std::string at = "models[" + std::to_string(m) + "]";
            auto name = e.at("model").get<std::string>();
            // Two entries for one model: the router would weigh it twice and never the pool's other models.
            if (std::find(r.models.begin(), r.models.end(), name) != r.models.end())
                return bad(at + ".model \"" + name + "\" comes twice");
            r.models.push_back(std::move(name));
            LinearModel lm;
            lm.bias = e.at("bias").get<double>();
            lm.weights = floatsAs(e.at("weights"), at + ".weights");
            if (int(lm.weights.size()) != r.features.dimension())
                return bad(at + ".weights has " + std::to_string(lm.weights.size()) + " values; the features have " +
                           std::to_string(r.features.dimension()));
            r.perModel.push_back(std::move(lm));
            r.calibration.push_back({e.at("platt").at("a").get<double>(), e.at("platt").at("b").get<double>()});
            if (j.value("calibration", "platt") == "isotonic") {
                IsotonicCalibration iso{e.at("isotonic").at("log_odds").get<std::vector<double>>(),
                                        e.at("isotonic").at("p").get<std::vector<double>>()};
                if (iso.logOdds.size() != iso.probability.size() || !std::is_sorted(iso.logOdds.begin(), iso.logOdds.end()))
                    return bad(at + ".isotonic: log_odds must be sorted and as many as p");
                for (double p : iso.probability)
                    if (!(p >= 0 && p <= 1))
                        return bad(at + ".isotonic.p: " + std::to_string(p) + " is not a probability in [0,1]");
                r.isotonic.push_back(std::move(iso));
            }
            r.expectedCostUsd.push_back(costOf(e.at("expected_cost_usd"), at + ".expected_cost_usd"));
            for (const auto& [category, value] : e.at("category_cost_usd").items()) {
                auto& costs = r.categoryCostUsd[category];
                costs.resize(models.size(), NAN);
                costs[m] = costOf(value, at + ".category_cost_usd." + category);
            }
        }
        return r;
    } catch (const nlohmann::json::exception& e) {
        return bad(std::string("a field is missing or of the wrong type (") + e.what() + ")");
    } catch (const JsonRangeError& e) {
        return bad(e.what());
    }
}

nlohmann::json routerArtifactToJson(const RouterArtifact& a) {
    return {{"format", "baton-router"}, {"format_version", 1},        {"name", a.name},
            {"version", a.version},     {"created_at_ms", a.createdAtMs}, {"training_data_hash", a.trainingDataHash},
            {"metrics", a.metrics},     {"parameters", a.parameters},   {"model", routerModelToJson(a.model)}};
}

Result<RouterArtifact> routerArtifactFromJson(const nlohmann::json& j, const std::string& where) {
    if (!j.is_object() || j.value("format", "") != "baton-router")
        return fail(ErrorKind::BadInput, where + ": not a Baton router file (no \"format\": \"baton-router\"); "
                                                 "write one with `baton-cli router export`");
    if (j.value("format_version", nlohmann::json()) != 1) // compared as JSON: get<int>() of 4294967297 was 1
        return fail(ErrorKind::BadInput, where + ": router file format_version " + j.value("format_version", nlohmann::json()).dump() +
                                             " is not one this Baton reads (1); upgrade Baton");
    try {
        RouterArtifact a;
        a.name = j.at("name").get<std::string>();
        a.version = wholeAs(j, "version", 0);
        a.createdAtMs = wholeAs(j, "created_at_ms", int64_t(0));
        a.trainingDataHash = j.at("training_data_hash").get<std::string>();
        a.metrics = j.value("metrics", nlohmann::json::object());
        a.parameters = j.value("parameters", nlohmann::json::object());
        // defaultLambda() reads a lambda that is not a number as 0: a damaged file is said so instead.
        if (auto it = a.parameters.find("lambda");
            it != a.parameters.end() && !it->is_null() && !(it->is_number() && it->get<double>() >= 0))
            throw JsonRangeError("parameters.lambda must be a number of at least 0, got " + it->dump());
        auto model = routerModelFromJson(j.at("model"), where + " model");
        if (!model) return std::unexpected(model.error());
        a.model = std::move(*model);
        return a;
    } catch (const nlohmann::json::exception& e) {
        return fail(ErrorKind::BadInput, where + ": a field is missing or of the wrong type (" + e.what() + ")");
    } catch (const JsonRangeError& e) {
        return fail(ErrorKind::BadInput,
                    where + ": " + e.what() + "; the file is damaged or not written by Baton: export it again");
    }
}

Result<RouterSelector> parseRouterSelector(const std::string& text) {
    RouterSelector s;
    auto at = text.rfind('@');
    s.name = text.substr(0, at);
    if (at != std::string::npos) {
        std::string v = text.substr(at + 1);
        char* end = nullptr;
        long n = v.empty() ? 0 : std::strtol(v.c_str(), &end, 10);
        if (v.empty() || *end != '\0' || n < 1 || n > 1000000)
            return fail(ErrorKind::BadInput, "router \"" + text + "\": after '@' comes a version number (name@3)");
        s.version = int(n);
    }
    if (s.name.empty()) return fail(ErrorKind::BadInput, "router \"" + text + "\": the name is empty (name or name@3)");
    return s;
}

Result<int> saveRouterArtifact(SqliteDb& db, RouterArtifact& a) {
    StoredRouter row;
    nlohmann::json model = routerModelToJson(a.model);
    row.name = a.name;
    row.createdAtMs = a.createdAtMs;
    row.learner = a.model.learner;
    nlohmann::json features = model["features"];
    features.erase("idf");
    row.features = features.dump();
    row.models = nlohmann::json(a.model.models).dump();
    nlohmann::json platt = nlohmann::json::array();
    for (const auto& c : a.model.calibration)
        platt.push_back({{"a", c.a}, {"b", c.b}});
    row.calibration = nlohmann::json{{"method", a.model.isotonic.empty() ? "platt" : "isotonic"}, {"per_model", platt}}.dump();
    row.trainingDataHash = a.trainingDataHash;
    row.metrics = a.metrics.dump();
    row.parameters = a.parameters.dump();
    row.body = model.dump();
    auto version = saveRouter(db, row);
    if (version) a.version = *version;
    return version;
}

Result<RouterArtifact> loadRouterArtifact(SqliteDb& db, const std::string& selector) {
    auto s = parseRouterSelector(selector);
    if (!s) return std::unexpected(s.error());
    auto row = loadRouter(db, s->name, s->version);
    if (!row) return std::unexpected(row.error());
    std::string where = "router " + row->name + "@" + std::to_string(row->version);
    RouterArtifact a;
    a.name = row->name, a.version = row->version, a.createdAtMs = row->createdAtMs;
    a.trainingDataHash = row->trainingDataHash;
    auto parse = [&](const std::string& text) {
        auto j = nlohmann::json::parse(text, nullptr, false);
        return j.is_discarded() ? nlohmann::json::object() : j;
    };
    a.metrics = parse(row->metrics), a.parameters = parse(row->parameters);
    auto model = routerModelFromJson(parse(row->body), where);
    if (!model) return std::unexpected(model.error());
    a.model = std::move(*model);
    return a;
}

} // namespace baton::core
