// SPDX-License-Identifier: MIT
// baton-cli reprice: a past run priced again with a price list file, a stored price version
// and/or one vendor's prices raised.

#include "bundle/stored_prices.h"
#include "cli_numbers.h"
#include "cli_output.h"
#include "command.h"
#include "model/money_text.h"
#include "util/calendar_date.h"
#include "util/printable.h"
#include "workspace_reader.h"

#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>

namespace baton::cli {
namespace {

std::string change(const std::optional<core::Money>& from, const std::optional<core::Money>& to) {
    if (!from || !to || from->pico == 0) return "";
    std::ostringstream s;
    s << std::showpos << std::fixed << std::setprecision(1) << (to->usd() / from->usd() - 1) * 100 << "%";
    return s.str();
}

std::string percent(double v) {
    std::ostringstream s;
    s << v << "%";
    return s.str();
}

nlohmann::json money(const std::optional<core::Money>& m) {
    return m ? nlohmann::json(m->usd()) : nlohmann::json();
}

void printJsonResult(const core::RunRepricing& r, std::optional<int64_t> version) {
    nlohmann::json models = nlohmann::json::array(), strategies = nlohmann::json::array();
    for (const auto& m : r.models)
        models.push_back({{"model", m.model},
                          {"vendor", m.vendor},
                          {"price_id", m.priceId},
                          {"origin", m.origin},
                          {"raised_percent", m.raisedPercent},
                          {"recorded_usd", money(m.recorded)},
                          {"repriced_usd", money(m.repriced)}});
    for (const auto& s : r.strategies)
        strategies.push_back({{"strategy", s.strategy},
                              {"calls", s.calls},
                              {"recorded_usd", money(s.recorded)},
                              {"repriced_usd", money(s.repriced)}});
    printJson({{"run", r.runId},
               {"models", models},
               {"strategies", strategies},
               {"recorded_usd", money(r.recordedTotal)},
               {"repriced_usd", money(r.repricedTotal)},
               {"recorded_prices_as_of", r.recordedAsOf},
               {"price_version", version ? nlohmann::json(*version) : nlohmann::json()}});
}

void printText(const core::RunRepricing& r, std::optional<int64_t> version) {
    std::cout << "Run " << r.runId << " re-priced from its recorded tokens (no call made)"
              << (version ? " with price version " + std::to_string(*version) : std::string()) << "; "
              << core::describeRecordedPrices(r.recordedAsOf) << "\n\n"
              << std::left << std::setw(22) << "MODEL" << std::setw(14) << "VENDOR" << std::setw(14) << "RECORDED"
              << std::setw(14) << "REPRICED" << std::setw(9) << "CHANGE"
              << "PRICES\n";
    for (const auto& m : r.models)
        std::cout << std::setw(22) << core::printable(m.model) << std::setw(14) << core::printable(m.vendor)
                  << std::setw(14) << core::formatUsd(m.recorded) << std::setw(14) << core::formatUsd(m.repriced)
                  << std::setw(9) << change(m.recorded, m.repriced) << core::printable(m.origin)
                  << (m.raisedPercent != 0 ? ", raised " + percent(m.raisedPercent) : "") << "\n";
    std::cout << "\n"
              << std::setw(22) << "STRATEGY" << std::setw(8) << "CALLS" << std::setw(14) << "RECORDED" << std::setw(14)
              << "REPRICED"
              << "CHANGE\n";
    for (const auto& s : r.strategies)
        std::cout << std::setw(22) << core::printable(s.strategy) << std::setw(8) << s.calls << std::setw(14)
                  << core::formatUsd(s.recorded) << std::setw(14) << core::formatUsd(s.repriced)
                  << change(s.recorded, s.repriced) << "\n";
    std::cout << "\nWhole run: " << core::formatUsd(r.recordedTotal) << " recorded, "
              << core::formatUsd(r.repricedTotal) << " re-priced " << change(r.recordedTotal, r.repricedTotal) << "\n";
}

int run(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || args.positional.size() != 1) return usageError("reprice needs RUN and --db DB", "reprice");
    std::string bad;
    auto runId = parseWhole(args.positional[0], "RUN", 1, std::numeric_limits<int64_t>::max(), bad);
    if (!runId) return usageError(bad, "reprice");
    std::optional<int64_t> version;
    if (auto v = args.value("--price-version")) {
        version = parseWhole(*v, "--price-version", 1, std::numeric_limits<int64_t>::max(), bad);
        if (!version) return usageError(bad, "reprice");
        if (args.value("--prices")) return usageError("give --prices FILE or --price-version N, not both", "reprice");
    }
    // --as-of dates the entries of a community list read from --prices; a stored version keeps the
    // date it was imported with, and the run's own prices theirs: ignoring it would mislead.
    if (args.value("--as-of") && !args.value("--prices"))
        return usageError(std::string("--as-of dates a price list file's entries and goes with --prices FILE; ") +
                              (version ? "a stored price version keeps its own date (see `prices versions`)"
                                       : "the run's recorded prices keep theirs"),
                          "reprice");
    core::RepriceSource source;
    for (const auto& r : args.all("--raise")) {
        auto eq = r.find('=');
        auto pct = eq == std::string::npos ? std::nullopt : parseDecimal(r.substr(eq + 1), "--raise", -100, 10000, bad);
        if (!pct)
            return usageError("--raise takes VENDOR=PERCENT (e.g. openai=20), got \"" + core::printable(r) + "\"" +
                                  (bad.empty() ? "" : ": " + bad),
                              "reprice");
        source.raisePercent[r.substr(0, eq)] = *pct;
    }
    source.file = args.value("--prices").value_or("");
    auto asOf = parseDate(args.value("--as-of").value_or(core::todayIso()), "--as-of", bad);
    if (!asOf) return usageError(core::printable(bad), "reprice");
    source.fileAsOf = *asOf;
    source.version = version;
    auto reader = openWorkspaceReader(*db);
    if (!reader) return reportError(reader.error(), json);
    auto r = core::repriceStoredRun(**reader, *runId, source);
    if (!r) return reportError(r.error(), json);
    if (json)
        printJsonResult(*r, version);
    else
        printText(*r, version);
    return Ok;
}

} // namespace

Command repriceCommand() {
    return {"reprice",
            "what a past run would cost with other prices",
            "Usage: baton-cli reprice RUN --db DB [--prices FILE [--as-of D] | --price-version N]\n"
            "                         [--raise VENDOR=PERCENT]... [--json]\n\n"
            "Prices every call of the run again from the tokens it recorded, per model, per strategy and\n"
            "in total, next to what was recorded (the run keeps every price entry it used, with its date:\n"
            "\"recorded with prices as of ...\"). --prices: another price list (a Baton price book or the\n"
            "community format; --as-of dates a community list's entries, default today; it is refused\n"
            "without --prices, since a stored version and the run's own prices keep their dates).\n"
            "--price-version N: a version stored with `prices import --db` (see `prices versions`).\n"
            "Models whose pool names a price id found there get its prices; inline pool prices are kept.\n"
            "--raise openai=20: every price of the models tagged vendor \"openai\" up 20% (the cost of the\n"
            "pool's lock-in to that vendor). No model is called.\n",
            {{"--db", true}, {"--prices", true}, {"--price-version", true}, {"--as-of", true}, {"--raise", true, true}},
            run};
}

} // namespace baton::cli
