// SPDX-License-Identifier: MIT
// baton-cli pool validate | pool show

#include "cli_output.h"
#include "command.h"
#include "pools/pool_file.h"
#include "pool_summary.h"
#include "util/calendar_date.h"

#include <iostream>

namespace baton::cli {
namespace {

int validate(const ParsedArgs& args) {
    if (args.positional.size() != 1) return usageError("pool validate takes one FILE", "pool validate");
    bool json = args.has("--json");
    auto loaded = core::loadPoolFile(args.positional[0]);
    if (!loaded) return reportError(loaded.error(), json);
    if (json) {
        printJson({{"ok", true},
                   {"file", args.positional[0]},
                   {"models", loaded->pool.models.size()},
                   {"warnings", diagnosticsJson(loaded->warnings)}});
    } else {
        printWarnings(loaded->warnings);
        std::cout << args.positional[0] << ": ok (" << loaded->pool.models.size() << " models, "
                  << loaded->pool.strategies.size() << " strategies, " << loaded->warnings.size() << " warnings)\n";
    }
    return Ok;
}

int show(const ParsedArgs& args) {
    if (args.positional.size() != 1) return usageError("pool show takes one FILE", "pool show");
    bool json = args.has("--json");
    auto loaded = core::loadPoolFile(args.positional[0]);
    if (!loaded) return reportError(loaded.error(), json);
    PoolSummary summary = summarizePool(loaded->pool, core::PriceBook::bundled(), core::todayIso());
    if (json) {
        printJson({{"pool", core::poolToJson(loaded->pool)},
                   {"summary", toJson(summary)},
                   {"warnings", diagnosticsJson(loaded->warnings)}});
    } else {
        printWarnings(loaded->warnings);
        printPoolSummary(std::cout, loaded->pool, summary);
    }
    return Ok;
}

} // namespace

std::vector<Command> poolCommands() {
    return {
        {"pool validate",
         "check a pool file and list every problem",
         "Usage: baton-cli pool validate FILE [--json]\n\n"
         "Checks a pool file (schema 1): types, required fields, URLs, key references, prices,\n"
         "strategies and constraints. Lists every problem with its JSON path; unknown fields are\n"
         "warnings. A value that looks like an API key is refused.\n\n"
         "Exit codes: 0 valid, 1 invalid or unreadable, 2 usage.\n",
         {},
         validate},
        {"pool show",
         "summarise a pool: models, prices, makeup, strategies",
         "Usage: baton-cli pool show FILE [--json]\n\n"
         "Prints the pool's models with provider, remote id, prices (per 1M tokens) and key reference,\n"
         "its open/closed-weights, vendor and jurisdiction makeup, strategies and constraints. Prices\n"
         "older than 180 days are flagged as stale.\n",
         {},
         show},
    };
}

} // namespace baton::cli
