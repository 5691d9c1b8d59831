// SPDX-License-Identifier: MIT
// The router as a workspace object: trained with a seeded split and a lambda chosen on the
// validation split to meet a target, saved as versions of a name, read back (from the workspace
// and from a file) predicting exactly what was trained, and refused with a clear message when a
// file is broken or a name unknown.

#include "learn/router_artifact.h"
#include "planted_matrix.h"
#include "replay/item_split.h"
#include "replay/router_fit.h"
#include "replay/router_report.h"
#include "store/workspace.h"
#include "strategies/strategy_registry.h"
#include "text/hashed_embedding.h"

#include <QTemporaryDir>
#include <QTest>
#include <regex>

using namespace baton::core;

namespace {

std::vector<std::vector<double>> predictAll(const RouterModel& r, const OutcomeMatrix& m) {
    std::vector<std::vector<double>> out;
    for (size_t i = 0; i < m.itemCount(); i += 7)
        out.push_back(r.predict(r.features.vectorize(m.prompts[i], m.categoryOf(i))));
    return out;
}

RouterArtifact fitted(std::optional<RouterTarget> target = std::nullopt) {
    RouterFitOptions o;
    o.name = "planted";
    o.target = target;
    auto a = fitRouter(plantedMatrix(), o);
    if (!a) qFatal("%s", a.error().message.c_str());
    return *a;
}

} // namespace

class TestRouterArtifact : public QObject {
    Q_OBJECT
private slots:
    void targetsPickTheirPointOnTheCurve() {
        // lambda, accuracy, cost, share
        std::vector<OperatingPoint> curve{{0, 0.90, 0.010, 1.0}, {1, 0.91, 0.006, 0.6}, {2, 0.80, 0.004, 0.3},
                                          {3, 0.60, 0.001, 0.0}};
        QCOMPARE(*pickOperatingPoint(curve, {RouterTarget::Kind::CostPerItem, 0.005}), size_t(2)); // closest under
        QCOMPARE(*pickOperatingPoint(curve, {RouterTarget::Kind::CostCap, 0.05}), size_t(1));      // most accurate
        QCOMPARE(*pickOperatingPoint(curve, {RouterTarget::Kind::StrongShare, 0.5}), size_t(2));
        QVERIFY(!pickOperatingPoint(curve, {RouterTarget::Kind::CostCap, 0.0005}));
        QCOMPARE(parseRouterTarget("share=0.3")->kind, RouterTarget::Kind::StrongShare);
        QCOMPARE(parseRouterTarget("cap=0.01")->value, 0.01);
        for (const char* bad : {"share=2", "cost", "cost=-1", "cost=abc", "budget=1"})
            QVERIFY2(!parseRouterTarget(bad), bad);
        std::string problem;
        QVERIFY(routerTargetFromJson({{"cost_cap", 0.01}}, problem));
        QVERIFY(!routerTargetFromJson({{"cost", 0.01}}, problem));
        QVERIFY(problem.find("cost_per_item") != std::string::npos);
    }

    void lambdaIsChosenOnValidationToMeetTheTarget() {
        RouterArtifact a = fitted(RouterTarget{RouterTarget::Kind::CostCap, 0.006});
        const auto& p = a.parameters;
        QVERIFY(p["train_items"].get<int>() > 0 && p["validation_items"].get<int>() > 0 && p["test_items"].get<int>() > 0);
        QCOMPARE(p["train_items"].get<int>() + p["validation_items"].get<int>() + p["test_items"].get<int>(), 400);
        QVERIFY(a.metrics["validation"]["mean_cost_usd"].get<double>() <= 0.006);
        // Sending the hard half to strong costs about $0.0055 and keeps nearly strong's accuracy.
        QVERIFY(a.metrics["test"]["accuracy"].get<double>() > 0.85);
        auto curve = operatingPointsFromJson(a.metrics["validation_curve"]);
        QCOMPARE(curve.size(), size_t(100));
        auto k = pickOperatingPoint(curve, {RouterTarget::Kind::CostCap, 0.006});
        QCOMPARE(curve[*k].lambda, a.defaultLambda());

        // No lambda spends less than always the weak model.
        RouterFitOptions o;
        o.target = RouterTarget{RouterTarget::Kind::CostCap, 0.0001};
        auto refused = fitRouter(plantedMatrix(), o);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("relax the target") != std::string::npos, refused.error().message.c_str());
        // Its cheapest point in the one money text (formatUsd), not a printf of its own.
        QVERIFY2(std::regex_search(refused.error().message, std::regex(R"(point costs \$0\.[0-9]{6} per item)")),
                 refused.error().message.c_str());

        OutcomeMatrix unpriced = plantedMatrix();
        unpriced.costUsd[5] = NAN;
        auto noCost = fitRouter(unpriced, {});
        QVERIFY(!noCost);
        QVERIFY(noCost.error().message.find("\"weak\" has unknown costs") != std::string::npos);
    }

    void matrixFactorisationFindsThePlantedSignal() {
        RouterFitOptions o;
        o.name = "mf";
        o.train.learner = "mf";
        o.train.factors = 4;
        o.target = RouterTarget{RouterTarget::Kind::CostCap, 0.006};
        auto a = fitRouter(plantedMatrix(), o);
        QVERIFY2(a, a ? "" : a.error().message.c_str());
        QCOMPARE(a->model.learner, std::string("mf"));
        QCOMPARE(a->parameters["factors"].get<int>(), 4);
        // Hard items to strong, easy ones to weak: near strong's accuracy at about half its cost.
        QVERIFY2(a->metrics["test"]["accuracy"].get<double>() > 0.85, a->metrics["test"].dump().c_str());
        QVERIFY(a->metrics["test"]["mean_cost_usd"].get<double>() < 0.0075);
        for (const auto& c : a->metrics["test_calibration"])
            QVERIFY2(c["ece"].get<double>() < 0.12, c.dump().c_str());
        auto back = routerArtifactFromJson(routerArtifactToJson(*a), "mf.json");
        QVERIFY(back);
        QCOMPARE(back->model.learner, std::string("mf"));
        QVERIFY(predictAll(back->model, plantedMatrix()) == predictAll(a->model, plantedMatrix()));
    }

    void isotonicCalibrationIsKeptAndServed() {
        RouterFitOptions o;
        o.name = "iso";
        o.train.calibration = "isotonic";
        auto a = fitRouter(plantedMatrix(), o);
        QVERIFY2(a, a ? "" : a.error().message.c_str());
        QCOMPARE(a->model.isotonic.size(), size_t(2));
        QCOMPARE(a->parameters["calibration"].get<std::string>(), std::string("isotonic"));
        // The router serves the isotonic map, not the Platt fit it also keeps.
        auto p = predictAll(a->model, plantedMatrix());
        RouterModel plattOnly = a->model;
        plattOnly.isotonic.clear();
        QVERIFY(predictAll(plattOnly, plantedMatrix()) != p);
        for (const auto& c : a->metrics["test_calibration"])
            QVERIFY2(c["ece"].get<double>() < 0.12 && c["brier"].get<double>() < 0.2, c.dump().c_str());
        auto back = routerArtifactFromJson(routerArtifactToJson(*a), "iso.json");
        QVERIFY2(back, back ? "" : back.error().message.c_str());
        QVERIFY(predictAll(back->model, plantedMatrix()) == p);
        auto json = routerArtifactToJson(*a);
        json["model"]["calibration"] = "beta";
        QVERIFY(!routerArtifactFromJson(json, "x.json"));
        o.train.calibration = "beta";
        auto refused = fitRouter(plantedMatrix(), o);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("unknown calibration \"beta\"") != std::string::npos,
                 refused.error().message.c_str());
    }

    void savedVersionsReadBackExactly() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        RouterArtifact a = fitted();
        QCOMPARE(saveRouterArtifact(*ws->writer(), a).value(), 1);
        RouterArtifact b = fitted(RouterTarget{RouterTarget::Kind::StrongShare, 0.5});
        QCOMPARE(saveRouterArtifact(*ws->writer(), b).value(), 2);
        QCOMPARE(b.selector(), std::string("planted@2"));

        auto latest = loadRouterArtifact(*ws->writer(), "planted");
        QVERIFY(latest);
        QCOMPARE(latest->version, 2);
        QCOMPARE(latest->defaultLambda(), b.defaultLambda());
        auto first = loadRouterArtifact(*ws->writer(), "planted@1");
        QVERIFY(first);
        QCOMPARE(first->trainingDataHash, outcomeMatrixHash(plantedMatrix()));
        QVERIFY(first->model.models == a.model.models);
        QVERIFY(predictAll(first->model, plantedMatrix()) == predictAll(a.model, plantedMatrix()));
        QVERIFY(first->metrics == a.metrics);

        auto missing = loadRouterArtifact(*ws->writer(), "planted@3");
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, ErrorKind::NotFound);
        QVERIFY2(missing.error().message.find("planted@1, planted@2") != std::string::npos, missing.error().message.c_str());
        QVERIFY(!loadRouterArtifact(*ws->writer(), "planted@x"));
        QCOMPARE(listRouters(*ws->writer())->size(), size_t(2));
    }

    void fileRoundTripAndBrokenFiles() {
        RouterArtifact a = fitted();
        a.version = 4;
        auto back = routerArtifactFromJson(nlohmann::json::parse(routerArtifactToJson(a).dump()), "r.json");
        QVERIFY(back);
        QCOMPARE(back->selector(), std::string("planted@4"));
        QVERIFY(predictAll(back->model, plantedMatrix()) == predictAll(a.model, plantedMatrix()));

        nlohmann::json broken = routerArtifactToJson(a);
        broken["model"]["models"][1]["weights"].erase(0);
        auto refused = routerArtifactFromJson(broken, "r.json");
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("models[1].weights") != std::string::npos, refused.error().message.c_str());
        QVERIFY(!routerArtifactFromJson({{"format", "something"}}, "r.json"));
        nlohmann::json noBias = routerArtifactToJson(a);
        noBias["model"]["models"][0].erase("bias");
        QVERIFY(!routerArtifactFromJson(noBias, "r.json"));
    }

    // A router file comes from someone else: a number that does not fit its field is refused, never cast
    // (get<int>() of 1e30 was undefined behaviour, INT_MIN on x86; of 4294967297 it was 1, so a format_version
    // of 2^32+1 read as 1 and buckets of 2^32+4096 as 4096; a weight of 1e300 became an infinite float).
    void outOfRangeNumbersInAFileAreRefused_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("format_version 2^32+1")
            << "/format_version" << QByteArray("4294967297")
            << "r.json: router file format_version 4294967297 is not one this Baton reads";
        QTest::newRow("version 1e30") << "/version" << QByteArray("1e30")
                                      << "\"version\" must be a whole number from -2147483648 to 2147483647, got 1e+30";
        QTest::newRow("created_at_ms 1e300")
            << "/created_at_ms" << QByteArray("1e300") << "\"created_at_ms\" must be a whole number";
        QTest::newRow("buckets 2^32+4096")
            << "/model/features/buckets" << QByteArray("4294971392") << "\"features.buckets\" must be a whole number";
        QTest::newRow("idf 1e39") << "/model/features/idf/3" << QByteArray("1e39")
                                  << "features.idf[3] must be a number within float's range";
        QTest::newRow("weight -1e300") << "/model/models/1/weights/0" << QByteArray("-1e300")
                                       << "models[1].weights[0] must be a number within float's range";
        // Hostile test i13: values training never writes were read and steered the router (a negative
        // cost made it always pick that model; a lambda of "NaN" was read as 0).
        QTest::newRow("expected cost -5") << "/model/models/1/expected_cost_usd" << QByteArray("-5")
                                          << "models[1].expected_cost_usd must be a cost in USD of at least 0";
        QTest::newRow("category cost -5") << "/model/models/0/category_cost_usd" << QByteArray("{\"x\": -5}")
                                          << "models[0].category_cost_usd.x must be a cost in USD of at least 0";
        QTest::newRow("lambda a string") << "/parameters/lambda" << QByteArray("\"NaN\"")
                                         << "parameters.lambda must be a number of at least 0, got \"NaN\"";
        QTest::newRow("lambda -1e9") << "/parameters/lambda" << QByteArray("-1e9")
                                     << "parameters.lambda must be a number of at least 0";
        QTest::newRow("a model twice") << "/model/models/1/model" << QByteArray("\"weak\"")
                                       << "models[1].model \"weak\" comes twice";
    }
    void outOfRangeNumbersInAFileAreRefused() {
        QFETCH(QString, pointer);
        QFETCH(QByteArray, value);
        QFETCH(QString, expected);
        static const nlohmann::json good = routerArtifactToJson(fitted());
        QCOMPARE(good["model"]["features"]["buckets"].get<int>(), 4096);
        QVERIFY(routerArtifactFromJson(good, "r.json"));
        nlohmann::json file = good;
        file[nlohmann::json::json_pointer(pointer.toStdString())] = nlohmann::json::parse(value.toStdString());
        auto read = routerArtifactFromJson(file, "r.json");
        QVERIFY(!read);
        QCOMPARE(read.error().kind, ErrorKind::BadInput);
        QVERIFY2(read.error().message.find(expected.toStdString()) != std::string::npos, read.error().message.c_str());
    }

    // Hostile test i13: isotonic probabilities of 2 and -1 were read and served as P(correct).
    void isotonicProbabilitiesOutsideZeroOneAreRefused() {
        nlohmann::json file = routerArtifactToJson(fitted());
        file["model"]["calibration"] = "isotonic";
        for (auto& m : file["model"]["models"])
            m["isotonic"] = {{"log_odds", {-1.0, 0.0, 1.0}}, {"p", {0.1, 0.5, 0.9}}};
        QVERIFY(routerArtifactFromJson(file, "r.json"));
        file["model"]["models"][1]["isotonic"]["p"] = {2.0, -1.0, 5.0};
        auto read = routerArtifactFromJson(file, "r.json");
        QVERIFY(!read);
        QVERIFY2(read.error().message.find("models[1].isotonic.p: 2.000000 is not a probability in [0,1]") !=
                     std::string::npos,
                 read.error().message.c_str());
    }

    // Hostile test i13: `router import` of a file named "r\x1b[31m..." saved it, and `router show` then
    // printed the escape to the terminal.
    void aNameWithControlCharactersIsNotSaved() {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws.has_value());
        RouterArtifact a = fitted();
        a.name = "r\x1b[31mred\nline";
        auto saved = saveRouterArtifact(*ws->writer(), a);
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.find("r\\x1b[31mred\\x0aline") != std::string::npos,
                 saved.error().message.c_str());
        a.name = "fine name";
        QVERIFY(saveRouterArtifact(*ws->writer(), a).has_value());
    }

    // The report reads a file's metrics leniently: a reliability bin's count that is no count is 0.
    void aBinCountBeyondIntIsNoCount() {
        RouterArtifact a = fitted();
        QVERIFY(!a.metrics["test_calibration"].empty() && !a.metrics["test_calibration"][0]["reliability"].empty());
        a.metrics["test_calibration"][0]["reliability"][0]["count"] = 1e30;
        a.metrics["test_calibration"][0]["reliability"][1]["count"] = 4294967297u;
        a.metrics["test_calibration"][0]["reliability"][2]["count"] = 7;  // as trained: a signed integer
        a.metrics["test_calibration"][0]["reliability"][3]["count"] = 9u; // as read back from a file
        a.metrics["test_calibration"][0]["reliability"][4]["count"] = -2;
        RouterReport r = routerReport(a);
        QCOMPARE(r.calibration[0].bins[0].count, 0);
        QCOMPARE(r.calibration[0].bins[1].count, 0);
        QCOMPARE(r.calibration[0].bins[2].count, 7);
        QCOMPARE(r.calibration[0].bins[3].count, 9);
        QCOMPARE(r.calibration[0].bins[4].count, 0);
    }

    /// Embedding features (the vectors given, here the simulator's deterministic stand-ins made
    /// in-process): the artifact says so, names the embedder and its dimension, reads back and
    /// predicts the same once vectors are attached; a missing vector and a pool are refused.
    void embeddingFeaturesAreRecordedAndNeedTheEmbedderInAPool() {
        const OutcomeMatrix m = plantedMatrix();
        auto table = std::make_shared<PromptEmbeddings>();
        table->embedder = "sim sim://test sim-embed", table->model = "embedder", table->dims = 256;
        for (const auto& p : m.prompts)
            table->byPrompt[p] = hashedEmbedding(p, 256);
        RouterFitOptions o;
        o.name = "emb";
        o.train.embeddings = table;
        auto a = fitRouter(m, o);
        QVERIFY2(a, a ? "" : a.error().message.c_str());
        QCOMPARE(a->parameters["features"].get<std::string>(), std::string("embeddings+category"));
        QCOMPARE(a->parameters["embedder"]["identity"].get<std::string>(), table->embedder);
        QCOMPARE(a->parameters["embedder"]["dims"].get<int>(), 256);
        QCOMPARE(a->model.features.dimension(), 256 + int(m.categories.size()));
        QVERIFY(a->metrics["test"]["accuracy"].is_number());

        auto back = routerArtifactFromJson(nlohmann::json::parse(routerArtifactToJson(*a).dump()), "r.json");
        QVERIFY2(back, back ? "" : back.error().message.c_str());
        QVERIFY(back->model.features.usesEmbeddings());
        QCOMPARE(back->model.features.embedder(), table->embedder);
        QCOMPARE(back->model.features.embeddingDims(), 256);
        QVERIFY(!back->model.features.covers(m.prompts[0])); // a file carries no vectors
        back->model.features.attach(table);
        QVERIFY(predictAll(back->model, m) == predictAll(a->model, m));

        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath("w.db").toStdString());
        QVERIFY(ws);
        QCOMPARE(saveRouterArtifact(*ws->writer(), *a).value(), 1);
        auto stored = loadRouterArtifact(*ws->writer(), "emb");
        QVERIFY(stored && stored->model.features.usesEmbeddings());
        auto row = listRouters(*ws->writer());
        QVERIFY(nlohmann::json::parse(row->at(0).features)["kind"] == "embeddings+category");

        auto partial = std::make_shared<PromptEmbeddings>(*table);
        partial->byPrompt.erase(m.prompts[3]);
        o.train.embeddings = partial;
        auto refused = fitRouter(m, o);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.find("has no embedding from sim sim://test sim-embed") != std::string::npos,
                 refused.error().message.c_str());

        Pool pool;
        for (const auto& name : m.models) {
            ModelSpec spec;
            spec.name = name, spec.provider = ProviderKind::Sim, spec.remoteModel = name;
            pool.models.push_back(spec);
        }
        pool.strategies["r"] = StrategyConfig{"router", {{"router", "emb@1"}}};
        JsonReader reader("pool.json");
        auto plan = strategyRegistry().read(reader, pool, "r", "/strategies/r");
        QVERIFY(plan);
        StrategyDeps deps;
        deps.routers = [&](const std::string&) -> Result<RouterArtifact> { return *stored; };
        auto built = plan->build(deps);
        QVERIFY(!built);
        QVERIFY2(built.error().message.find("router emb@1 routes on embeddings from model embedder (sim sim://test "
                                            "sim-embed), which the pool lacks; add embedder to the pool") !=
                     std::string::npos,
                 built.error().message.c_str());
        RouterArtifact tfidf = fitted();
        deps.routers = [&](const std::string&) -> Result<RouterArtifact> { return tfidf; };
        QVERIFY(plan->build(deps)); // the same pool with a TF-IDF router builds

        // With the embedder in the pool it builds: "models" defaults to the pool's models but the
        // embedder, which the router does not route to (the run embeds with it: tst_router_embedding_run).
        ModelSpec embedder;
        embedder.name = "embedder", embedder.provider = ProviderKind::Sim, embedder.remoteModel = "sim-embed";
        pool.models.push_back(embedder);
        auto withEmbedder = strategyRegistry().read(reader, pool, "r", "/strategies/r");
        QVERIFY(withEmbedder);
        deps.routers = [&](const std::string&) -> Result<RouterArtifact> { return *stored; };
        auto builds = withEmbedder->build(deps);
        QVERIFY2(builds, builds ? "" : builds.error().message.c_str());
        // Listed among "models" explicitly, it is a model the router was not trained on.
        pool.strategies["r"].settings["models"] = {"weak", "strong", "embedder"};
        auto listed = strategyRegistry().read(reader, pool, "r", "/strategies/r");
        QVERIFY(listed);
        auto differs = listed->build(deps);
        QVERIFY(!differs);
        QVERIFY2(differs.error().message.find("the strategy routes to embedder, which the router was not trained on") !=
                     std::string::npos,
                 differs.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRouterArtifact)
#include "tst_router_artifact.moc"
