// SPDX-License-Identifier: MIT
#include "replay/router_report.h"
#include "replay/router_replay.h"

#include <limits>

namespace baton::core {
namespace {

double number(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}

size_t count(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_unsigned() ? it->get<size_t>() : 0;
}

// A reliability bin's count, 0 when it is not one (the metrics of an imported router file hold anything;
// get<int>() of 1e30 was undefined behaviour and of 4294967297 was 1).
int binCount(const nlohmann::json& bin) {
    auto it = bin.find("count");
    if (it == bin.end() || !it->is_number_integer()) return 0;
    constexpr int kMax = std::numeric_limits<int>::max();
    if (it->is_number_unsigned()) return it->get<uint64_t>() <= uint64_t(kMax) ? int(it->get<uint64_t>()) : 0;
    return it->get<int64_t>() >= 0 && it->get<int64_t>() <= kMax ? int(it->get<int64_t>()) : 0;
}

RouterReportRow pointRow(RouterReportRow::Kind kind, std::string name, const nlohmann::json& point) {
    RouterReportRow r;
    r.kind = kind, r.name = std::move(name);
    r.accuracy = number(point, "accuracy");
    r.meanCostUsd = number(point, "mean_cost_usd");
    r.strongShare = number(point, "strong_share");
    return r;
}

} // namespace

RouterReport routerReport(const RouterArtifact& a) {
    RouterReport r;
    const auto& m = a.metrics;
    const auto& p = a.parameters;
    r.name = a.version ? a.selector() : a.name;
    r.strongModel = m.value("strong_model", "");
    r.lambda = number(p, "lambda");
    r.lambdaChosenBy = p.value("lambda_chosen_by", "");
    r.calibrationMethod = p.value("calibration", "platt");
    r.trainItems = count(p, "train_items"), r.validationItems = count(p, "validation_items");
    r.testItems = count(p, "test_items");
    r.seed = count(p, "seed");
    r.models = a.model.models;

    r.rows.push_back(pointRow(RouterReportRow::Kind::Router, "router", m.value("test", nlohmann::json::object())));
    std::vector<nlohmann::json> calibration(a.model.models.size(), nlohmann::json::object());
    for (const auto& c : m.value("test_calibration", nlohmann::json::array())) {
        auto at = std::find(r.models.begin(), r.models.end(), c.value("model", ""));
        if (at != r.models.end()) calibration[size_t(at - r.models.begin())] = c;
    }
    for (const auto& s : m.value("test_singles", nlohmann::json::array())) {
        auto row = pointRow(RouterReportRow::Kind::Single, s.value("model", ""), s);
        row.strongShare = row.name == r.strongModel ? 1.0 : 0.0;
        auto at = std::find(r.models.begin(), r.models.end(), row.name);
        if (at != r.models.end()) {
            const auto& c = calibration[size_t(at - r.models.begin())];
            row.brier = number(c, "brier"), row.ece = number(c, "ece");
        }
        r.rows.push_back(std::move(row));
    }
    r.rows.push_back(pointRow(RouterReportRow::Kind::Oracle, "oracle", m.value("test_oracle", nlohmann::json::object())));
    r.testCurve = operatingPointsFromJson(m.value("test_curve", nlohmann::json::array()));
    r.knnCurve = operatingPointsFromJson(m.value("test_knn_curve", nlohmann::json::array()));
    r.rulesCurve = operatingPointsFromJson(m.value("test_rules_curve", nlohmann::json::array()));
    auto aiq = m.value("test_aiq", nlohmann::json::object());
    r.routerAiq = number(aiq, "router"), r.knnAiq = number(aiq, "knn");
    r.rulesAiq = number(aiq, "rules"), r.singlesAiq = number(aiq, "singles");

    for (const auto& c : calibration) {
        CalibrationReport report;
        report.brier = number(c, "brier"), report.ece = number(c, "ece");
        for (const auto& b : c.value("reliability", nlohmann::json::array()))
            report.bins.push_back(
                {number(b, "low"), number(b, "high"), number(b, "mean_predicted"), number(b, "observed"), binCount(b)});
        r.calibration.push_back(std::move(report));
    }
    return r;
}

RouterReport routerReport(const RouterEvaluation& e, size_t seed, const std::vector<std::string>& models) {
    RouterReport r;
    const RouterSeedResult& s = e.seeds.at(seed);
    r.seed = s.seed;
    r.strongModel = e.strong;
    r.lambda = NAN;
    r.calibrationMethod = "";
    r.trainItems = s.trainItems, r.validationItems = s.validationItems, r.testItems = s.testItems;
    r.models = models;
    r.costAxis = e.costAxis;
    auto row = [](RouterReportRow::Kind kind, const std::string& name, const RoutePoint& p) {
        RouterReportRow out;
        out.kind = kind, out.name = name;
        out.accuracy = p.accuracy, out.meanCostUsd = p.meanCostUsd, out.strongShare = p.strongShare;
        return out;
    };
    for (size_t k = 0; k < s.baselines.size(); ++k)
        r.rows.push_back(row(RouterReportRow::Kind::Single, k < models.size() ? models[k] : s.baselines[k].strategy,
                             s.baselines[k]));
    r.rows.push_back(row(RouterReportRow::Kind::Oracle, "oracle", s.oracle));
    r.testCurve = operatingPoints(s.router);
    r.knnCurve = operatingPoints(s.knn);
    r.rulesCurve = operatingPoints(s.rules);
    r.routerAiq = s.routerAiq, r.knnAiq = s.knnAiq, r.rulesAiq = s.rulesAiq, r.singlesAiq = s.baselineAiq;
    return r;
}

} // namespace baton::core
