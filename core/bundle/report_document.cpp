// SPDX-License-Identifier: MIT
#include "bundle/report_document.h"

#include "bundle/report_charts.h"
#include "util/fixed_text.h"

#include <map>

namespace baton::core {

namespace {

ReportCell number(double v, int digits) { return ReportCell::of(v, fixedText(v, digits)); }
ReportCell integer(int64_t v) { return ReportCell::of(double(v), std::to_string(v)); }
ReportCell usd(const std::optional<Money>& m) {
    return m ? ReportCell::of(m->usd(), "$" + fixedText(m->usd(), 6)) : ReportCell::of("unknown");
}
ReportCell text(const std::string& s) { return ReportCell::of(s); }

ReportTable strategies(const RunReport& r) {
    ReportTable t{"strategies", "Strategies and single models",
                  "Accuracy with a 95% Wilson interval; costs in USD; items stopped by the budget or a cancel are "
                  "counted apart as incomplete, never as wrong.",
                  {"name", "kind", "items", "incomplete", "failed", "accuracy", "95% low", "95% high", "total cost",
                   "cost per item", "cost per right answer", "latency p50 ms", "latency p95 ms", "calls per item",
                   "tokens per item", "unknown-cost calls", "cached calls"},
                  {}};
    for (const auto& s : r.strategies)
        t.rows.push_back({text(s.name), text(s.baseline ? "single model" : "strategy"), integer(s.items),
                          integer(s.incomplete), integer(s.failed), number(s.accuracy, 3), number(s.accuracyCi.low, 3),
                          number(s.accuracyCi.high, 3), usd(s.totalCost), usd(s.costPerItem), usd(s.costPerCorrect),
                          number(s.latencyP50Ms, 0), number(s.latencyP95Ms, 0), number(s.callsPerItem, 2),
                          number(s.tokensPerItem, 0), integer(s.unknownCostCalls), integer(s.cachedCalls)});
    return t;
}

ReportTable comparisons(const RunReport& r) {
    ReportTable t{"comparisons", "Each strategy against each single model, on the same items",
                  "Delta accuracy with a paired bootstrap 95% interval; exact McNemar p; wins, ties and losses per item.",
                  {"strategy", "against", "paired items", "delta accuracy", "95% low", "95% high", "McNemar p", "wins",
                   "ties", "losses"},
                  {}};
    for (const auto& c : r.comparisons)
        t.rows.push_back({text(c.strategy), text(c.against), integer(c.pairedItems), number(c.delta.delta, 3),
                          number(c.delta.ci.low, 3), number(c.delta.ci.high, 3), number(c.mcnemarP, 4),
                          integer(c.wins), integer(c.ties), integer(c.losses)});
    return t;
}

ReportTable categories(const RunReport& r) {
    ReportTable t{"categories", "Per category", "", {"category", "strategy", "items", "accuracy", "known cost"}, {}};
    for (const auto& c : r.categories)
        t.rows.push_back({text(c.category), text(c.strategy), integer(c.items), number(c.accuracy, 3),
                          usd(std::optional<Money>(c.knownCost))});
    return t;
}

ReportTable spendByRole(const RunReport& r) {
    ReportTable t{"spend by role", "Spend by call role", "Known costs only; coordinator overhead shows as its roles.",
                  {"strategy", "role", "spend"}, {}};
    for (const auto& s : r.strategies)
        for (const auto& [role, cost] : s.spendByRole)
            t.rows.push_back({text(s.name), text(role), usd(std::optional<Money>(cost))});
    return t;
}

std::string tag(const nlohmann::json& model, const char* name) {
    const auto& tags = model.value("tags", nlohmann::json::object());
    return tags.contains(name) && tags[name].is_string() ? tags[name].get<std::string>() : "untagged";
}

ReportCell price(const nlohmann::json& entry, const char* bucket) {
    if (!entry.contains(bucket) || !entry[bucket].is_number()) return text("-");
    return number(entry[bucket].get<double>(), 4);
}

ReportTable pool(const Run& run) {
    ReportTable t{"pool", "The pool and where each price came from",
                  "Prices in USD per 1M tokens as the run used them (its price book snapshot).",
                  {"model", "provider", "remote id", "weights", "vendor", "jurisdiction", "input", "cached input", "output",
                   "price source", "as of"},
                  {}};
    const auto models = run.poolSnapshot.value("models", nlohmann::json::array());
    for (const auto& m : models) {
        std::string name = m.value("name", "");
        nlohmann::json entry = run.priceBookSnapshot.is_object() && run.priceBookSnapshot.contains(name)
                                   ? run.priceBookSnapshot[name]
                                   : nlohmann::json::object();
        t.rows.push_back({text(name), text(m.value("provider", "")), text(m.value("model", "")), text(tag(m, "weights")),
                          text(tag(m, "vendor")), text(tag(m, "jurisdiction")), price(entry, "input"),
                          price(entry, "cached_input"), price(entry, "output"),
                          text(entry.value("source", "no price")), text(entry.value("as_of", ""))});
    }
    return t;
}

std::string makeup(const Run& run, const char* name) {
    std::map<std::string, int> counts;
    for (const auto& m : run.poolSnapshot.value("models", nlohmann::json::array()))
        ++counts[tag(m, name)];
    std::string out;
    for (const auto& [value, n] : counts)
        out += (out.empty() ? "" : ", ") + value + " " + std::to_string(n);
    return out;
}

} // namespace

std::vector<ReportTable> reportTables(const RunReport& report, const Run& run) {
    return {strategies(report), comparisons(report), categories(report), spendByRole(report), pool(run)};
}

HtmlDocument reportHtmlDocument(const RunReport& report, const Run& run) {
    auto tables = reportTables(report, run);
    HtmlDocument d;
    d.title = "Baton run " + std::to_string(report.runId) + ": " + run.poolSnapshot.value("name", std::string("pool"));
    d.subtitle = "Task set " + run.taskSetHash.substr(0, 12) + ", seed " + std::to_string(run.seed) + ", status " +
                 toString(run.status) + (run.stopReason.empty() ? "" : " (" + run.stopReason + ")") +
                 ". Best single model: " + (report.bestSingle.empty() ? "none answered every item" : report.bestSingle) + ".";
    auto charts = reportChartsSvg(report);
    HtmlSection results{"Results", {}, {tables[0]}, {charts["charts/cost_accuracy.svg"]}};
    HtmlSection paired{"Against the single models", {}, {tables[1]}, {}};
    HtmlSection perCategory{"Per category", {}, {tables[2]}, {charts["charts/accuracy_by_category.svg"]}};
    HtmlSection spend{"Where the money went", {}, {tables[3]}, {}};
    HtmlSection makeupSection{"Pool makeup and price sources",
                              {"Weights: " + makeup(run, "weights") + ". Vendors: " + makeup(run, "vendor") +
                               ". Jurisdictions: " + makeup(run, "jurisdiction") + "."},
                              {tables[4]},
                              {}};
    d.sections = {results, paired, perCategory, spend, makeupSection};
    return d;
}

} // namespace baton::core
