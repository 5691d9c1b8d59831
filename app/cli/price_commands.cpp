// SPDX-License-Identifier: MIT
// baton-cli prices import | reprice

#include "bundle/run_repricing.h"
#include "cli_numbers.h"
#include "cli_output.h"
#include "command.h"
#include "pool_summary.h"
#include "pricing/community_prices.h"
#include "pricing/price_list_file.h"
#include "store/call_log.h"
#include "store/run_store.h"
#include "store/workspace.h"
#include "util/file_io.h"
#include "util/printable.h"

#include <iomanip>
#include <iostream>
#include <limits>
#include <regex>
#include <sstream>

namespace baton::cli {
namespace {

bool isDate(const std::string& s) { return std::regex_match(s, std::regex(R"(\d{4}-\d{2}-\d{2})")); }

int importCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto out = args.value("--out");
    if (args.positional.size() != 1 || !out) return usageError("prices import needs FILE and --out BOOK.json", "prices import");
    std::string asOf = args.value("--as-of").value_or(today());
    if (!isDate(asOf)) return usageError("--as-of takes a date YYYY-MM-DD, got \"" + core::printable(asOf) + "\"", "prices import");
    auto text = core::readTextFile(args.positional[0]);
    if (!text) return reportError(text.error(), json);
    std::string source = args.value("--source").value_or(args.positional[0]);
    auto read = core::readCommunityPrices(*text, args.positional[0], asOf, source);
    if (!read) return reportError(read.error(), json);
    if (auto ok = core::writeFileAtomically(*out, read->book.toJsonText()); !ok) return reportError(ok.error(), json);
    if (json)
        printJson({{"ok", true}, {"entries", read->book.entries().size()}, {"skipped", read->skipped},
                   {"as_of", asOf}, {"out", *out}});
    else
        std::cout << "wrote " << core::printable(*out) << ": " << read->book.entries().size() << " entries as of "
                  << asOf << " (" << read->skipped << " without per-token prices skipped)\n";
    return Ok;
}

std::string usd(const std::optional<core::Money>& m) {
    if (!m) return "unknown";
    std::ostringstream s;
    s << "$" << std::fixed << std::setprecision(6) << m->usd();
    return s.str();
}

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

nlohmann::json money(const std::optional<core::Money>& m) { return m ? nlohmann::json(m->usd()) : nlohmann::json(); }

int repriceCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    auto db = args.value("--db");
    if (!db || args.positional.size() != 1) return usageError("reprice needs RUN and --db DB", "reprice");
    std::string bad;
    auto runId = parseWhole(args.positional[0], "RUN", 1, std::numeric_limits<int64_t>::max(), bad);
    if (!runId) return usageError(bad, "reprice");
    core::RepriceOptions options;
    for (const auto& r : args.all("--raise")) {
        auto eq = r.find('=');
        auto pct = eq == std::string::npos ? std::nullopt : parseDecimal(r.substr(eq + 1), "--raise", -100, 10000, bad);
        if (!pct) return usageError("--raise takes VENDOR=PERCENT (e.g. openai=20), got \"" + core::printable(r) + "\"" +
                                        (bad.empty() ? "" : ": " + bad),
                                    "reprice");
        options.raisePercent[r.substr(0, eq)] = *pct;
    }
    std::optional<core::PriceBook> book;
    if (auto file = args.value("--prices")) {
        auto loaded = core::readPriceListFile(*file, args.value("--as-of").value_or(today()));
        if (!loaded) return reportError(loaded.error(), json);
        book = std::move(*loaded);
        options.book = &*book;
    }
    auto workspace = core::Workspace::openForReading(*db);
    if (!workspace) return reportError(workspace.error(), json);
    auto reader = workspace->openReader();
    if (!reader) return reportError(reader.error(), json);
    auto run = core::loadRun(**reader, *runId);
    if (!run) return reportError(run.error(), json);
    auto calls = core::loadCalls(**reader, *runId);
    if (!calls) return reportError(calls.error(), json);
    auto r = core::repriceRun(*run, *calls, options);
    if (json) {
        nlohmann::json models = nlohmann::json::array(), strategies = nlohmann::json::array();
        for (const auto& m : r.models)
            models.push_back({{"model", m.model}, {"vendor", m.vendor}, {"price_id", m.priceId}, {"origin", m.origin},
                              {"raised_percent", m.raisedPercent}, {"recorded_usd", money(m.recorded)},
                              {"repriced_usd", money(m.repriced)}});
        for (const auto& s : r.strategies)
            strategies.push_back({{"strategy", s.strategy}, {"calls", s.calls}, {"recorded_usd", money(s.recorded)},
                                  {"repriced_usd", money(s.repriced)}});
        printJson({{"run", r.runId}, {"models", models}, {"strategies", strategies},
                   {"recorded_usd", money(r.recordedTotal)}, {"repriced_usd", money(r.repricedTotal)}});
        return Ok;
    }
    std::cout << "Run " << r.runId << " re-priced from its recorded tokens (no call made)\n\n"
              << std::left << std::setw(22) << "MODEL" << std::setw(14) << "VENDOR" << std::setw(14) << "RECORDED"
              << std::setw(14) << "REPRICED" << std::setw(9) << "CHANGE" << "PRICES\n";
    for (const auto& m : r.models)
        std::cout << std::setw(22) << core::printable(m.model) << std::setw(14) << core::printable(m.vendor)
                  << std::setw(14) << usd(m.recorded) << std::setw(14) << usd(m.repriced) << std::setw(9)
                  << change(m.recorded, m.repriced) << core::printable(m.origin)
                  << (m.raisedPercent != 0 ? ", raised " + percent(m.raisedPercent) : "") << "\n";
    std::cout << "\n" << std::setw(22) << "STRATEGY" << std::setw(8) << "CALLS" << std::setw(14) << "RECORDED"
              << std::setw(14) << "REPRICED" << "CHANGE\n";
    for (const auto& s : r.strategies)
        std::cout << std::setw(22) << core::printable(s.strategy) << std::setw(8) << s.calls << std::setw(14)
                  << usd(s.recorded) << std::setw(14) << usd(s.repriced) << change(s.recorded, s.repriced) << "\n";
    std::cout << "\nWhole run: " << usd(r.recordedTotal) << " recorded, " << usd(r.repricedTotal) << " re-priced "
              << change(r.recordedTotal, r.repricedTotal) << "\n";
    return Ok;
}

} // namespace

std::vector<Command> repriceCommands() {
    return {
        {"prices import",
         "read a community price list (model_prices_and_context_window.json)",
         "Usage: baton-cli prices import FILE --out BOOK.json [--as-of YYYY-MM-DD] [--source TEXT] [--json]\n\n"
         "Reads a price list in the format most gateways share (per-token input, output, cached input,\n"
         "cache write, reasoning, per-request fee, long-context tiers `..._above_<N>k_tokens`) and writes\n"
         "it as a Baton price book (USD per 1M tokens), every entry dated --as-of (default today) with\n"
         "its source. Ids are provider/model (\"openai/gpt-4o\"). Keep one file per date to keep versions.\n",
         {{"--out", true}, {"--as-of", true}, {"--source", true}},
         importCommand},
        {"reprice",
         "what a past run would cost with other prices",
         "Usage: baton-cli reprice RUN --db DB [--prices FILE] [--raise VENDOR=PERCENT]... [--json]\n\n"
         "Prices every call of the run again from the tokens it recorded, per model, per strategy and\n"
         "in total, next to what was recorded. --prices: another price list (a Baton price book or the\n"
         "community format): models whose pool names a price id found there get its prices; inline\n"
         "pool prices are kept. --raise openai=20: every price of the models tagged vendor \"openai\"\n"
         "up 20% (the cost of the pool's lock-in to that vendor). No model is called.\n",
         {{"--db", true}, {"--prices", true}, {"--as-of", true}, {"--raise", true, true}},
         repriceCommand},
    };
}

} // namespace baton::cli
