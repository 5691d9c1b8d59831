// SPDX-License-Identifier: MIT
#include "bundle/run_repricing.h"
#include "model/run_record.h"

#include "pricing/cost.h"
#include "util/json_reader.h"

#include <set>

namespace baton::core {

namespace {

void add(std::optional<Money>& sum, const std::optional<Money>& cost) {
    if (!sum) return;
    if (!cost)
        sum.reset();
    else
        *sum += *cost;
}

std::optional<double> scaled(const std::optional<double>& v, double factor) {
    return v ? std::optional<double>(*v * factor) : std::nullopt;
}

PriceEntry raise(PriceEntry e, double percent) {
    double f = 1 + percent / 100;
    auto scale = [f](TokenPrices& p) {
        p.input = scaled(p.input, f);
        p.cachedInput = scaled(p.cachedInput, f);
        p.cacheWrite = scaled(p.cacheWrite, f);
        p.output = scaled(p.output, f);
        p.reasoning = scaled(p.reasoning, f);
    };
    scale(e.prices);
    if (e.longContext) scale(e.longContext->prices);
    e.requestFee *= f;
    return e;
}

std::string vendorOf(const nlohmann::json& model) {
    return model.is_object() ? stringAt(model.value("tags", nlohmann::json::object()), "vendor") : "";
}

// The entry a model is re-priced with: the new list's entry for the id the pool named, else the
// prices the run used (the pool's own inline prices always stay: they are the pool's decision).
std::optional<PriceEntry> chooseEntry(const Run& run, const nlohmann::json& model, const RepriceOptions& options,
                                      ModelRepricing& out) {
    std::optional<PriceEntry> used;
    if (run.priceBookSnapshot.is_object() && run.priceBookSnapshot.contains(out.model)) {
        JsonReader reader("run price snapshot");
        used = readPriceEntry(reader, run.priceBookSnapshot[out.model], "");
    }
    const auto& price = model.value("price", nlohmann::json());
    if (options.book && price.is_string()) {
        if (const PriceEntry* e = options.book->find(price.get<std::string>())) {
            out.priceId = e->id;
            out.origin = "new price list" + (e->asOf.empty() ? std::string() : " (as of " + e->asOf + ")");
            return *e;
        }
        out.origin = "not in the new price list: the prices the run used";
    } else {
        out.origin = price.is_object() ? "the pool's own prices (kept)" : "the prices the run used";
    }
    if (used) out.priceId = used->id;
    return used;
}

} // namespace

RunRepricing repriceRun(const Run& run, const std::vector<Call>& calls, const RepriceOptions& options) {
    RunRepricing result;
    result.runId = run.id;
    result.recordedTotal = result.repricedTotal = Money{};
    result.recordedAsOf = recordedPriceDates(run);
    std::map<std::string, std::optional<PriceEntry>> entries;
    std::map<std::string, size_t> modelIndex;
    for (const auto& m : snapshotModels(run)) {
        if (!m.is_object()) continue;
        ModelRepricing r;
        r.model = stringAt(m, "name");
        r.vendor = vendorOf(m);
        auto entry = chooseEntry(run, m, options, r);
        if (auto it = options.raisePercent.find(r.vendor); entry && it != options.raisePercent.end()) {
            entry = raise(*entry, it->second);
            r.raisedPercent = it->second;
        }
        r.recorded = r.repriced = Money{};
        entries[r.model] = entry;
        modelIndex[r.model] = result.models.size();
        result.models.push_back(std::move(r));
    }
    std::map<std::string, size_t> strategyIndex;
    for (const auto& c : calls) {
        std::optional<Money> again;
        // A call with no usage and an unknown cost (it may have been billed) stays unknown; one with
        // no usage and a known cost (an error nobody bills) keeps it; a call the provider billed is
        // re-priced from its tokens like the others.
        auto entry = entries.find(c.model);
        const auto& u = c.usage;
        bool noTokens = !u.input && !u.cachedInput && !u.cacheWrite && !u.output && !u.reasoning;
        if (noTokens && c.cost)
            again = c.cost; // a failure the provider did not bill: nothing to re-price
        else if (entry != entries.end() && entry->second)
            again = computeCost(*entry->second, c.usage).computed;
        auto [it, fresh] = strategyIndex.try_emplace(c.strategy, result.strategies.size());
        if (fresh) result.strategies.push_back({c.strategy, 0, Money{}, Money{}});
        auto& s = result.strategies[it->second];
        ++s.calls;
        add(s.recorded, c.cost);
        add(s.repriced, again);
        add(result.recordedTotal, c.cost);
        add(result.repricedTotal, again);
        if (auto m = modelIndex.find(c.model); m != modelIndex.end()) {
            add(result.models[m->second].recorded, c.cost);
            add(result.models[m->second].repriced, again);
        }
    }
    return result;
}

std::vector<std::string> recordedPriceDates(const Run& run) {
    std::set<std::string> dates;
    if (run.priceBookSnapshot.is_object())
        for (const auto& [model, entry] : run.priceBookSnapshot.items())
            dates.insert(stringAt(entry, "as_of"));
    return {dates.begin(), dates.end()};
}

std::string describeRecordedPrices(const std::vector<std::string>& dates) {
    if (dates.empty()) return "recorded with no prices (every cost unknown)";
    std::vector<std::string> dated;
    for (const auto& d : dates)
        if (!d.empty()) dated.push_back(d);
    if (dated.empty()) return "recorded with undated prices";
    std::string text = "recorded with prices as of " + dated.front();
    for (size_t i = 1; i < dated.size(); ++i)
        text += (i + 1 == dated.size() ? " and " : ", ") + dated[i];
    return text + (dated.size() < dates.size() ? " (some undated)" : "");
}

std::vector<std::string> poolVendors(const Run& run) {
    std::set<std::string> vendors;
    for (const auto& m : snapshotModels(run))
        if (auto v = vendorOf(m); !v.empty()) vendors.insert(v);
    return {vendors.begin(), vendors.end()};
}

} // namespace baton::core
