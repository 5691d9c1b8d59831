// SPDX-License-Identifier: MIT
// baton-cli sim serve | demo tasks

#include "cli_numbers.h"
#include "cli_output.h"
#include "command.h"
#include "io/task_export.h"
#include "io/task_import.h"
#include "sim/demo_tasks.h"
#include "sim/sim_server.h"
#include "util/file_io.h"

#include <csignal>
#include <iostream>
#include <limits>

namespace baton::cli {
namespace {

core::Result<core::TaskSet> loadTasks(const std::string& source) {
    if (source == "demo") return core::generateDemoTasks();
    auto imported = core::importTasks(source, {});
    if (!imported) return std::unexpected(imported.error());
    return imported->set;
}

int serveCommand(const ParsedArgs& args) {
    bool json = args.has("--json");
    if (!args.positional.empty()) return usageError("sim serve takes no positional arguments", "sim serve");
    core::SimProfile profile = core::demoSimProfile();
    if (auto path = args.value("--profile")) {
        auto loaded = core::loadSimProfile(*path);
        if (!loaded) return reportError(loaded.error(), json);
        profile = *loaded;
    }
    std::string bad;
    auto scale = decimalOption(args, "--time-scale", 0, double(core::kMaxSimTimeScale), bad);
    auto portArg = wholeOption(args, "--port", 0, 65535, bad);
    if (!bad.empty()) return usageError(bad + " (time scale: 1 = real latency, 0 = none)", "sim serve");
    if (scale) profile.timeScale = *scale;
    int port = int(portArg.value_or(0));
    auto tasks = loadTasks(args.value("--tasks").value_or("demo"));
    if (!tasks) return reportError(tasks.error(), json);
    std::optional<core::ReplaySource> replay;
    if (auto path = args.value("--replay")) {
        auto loaded = core::ReplaySource::load(*path);
        if (!loaded) return reportError(loaded.error(), json);
        replay = std::move(*loaded);
    }

    // Block the stop signals before any thread starts, then wait for one here.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    size_t items = tasks->items.size();
    auto responder = std::make_shared<core::SimResponder>(profile, std::move(*tasks), std::move(replay));
    core::SimServerOptions options;
    options.port = port;
    if (auto host = args.value("--host")) options.host = *host;
    auto server = core::SimServer::start(responder, options);
    if (!server) return reportError(server.error(), json);

    std::string models;
    nlohmann::json modelList = nlohmann::json::parse(responder->modelsBody())["data"];
    for (const auto& m : modelList)
        models += (models.empty() ? "" : ", ") + m["id"].get<std::string>();
    if (json) {
        printJson({{"base_url", (*server)->baseUrl()},
                   {"port", (*server)->port()},
                   {"items", items},
                   {"models", modelList},
                   {"simulated", true}});
    } else {
        std::cout << "Baton pool simulator: SIMULATED models, not real ones.\n"
                  << "Listening on " << (*server)->baseUrl() << "  (OpenAI-compatible: /chat/completions, /models, "
                  << "/embeddings)\nModels: " << models << "\nTask set: " << items << " items; time scale "
                  << profile.timeScale << "\nPress Ctrl+C to stop.\n";
    }
    std::cout.flush();
    int signal = 0;
    sigwait(&stopSignals, &signal);
    (*server)->stop();
    std::cerr << "baton-cli: simulator stopped after " << (*server)->requestsServed() << " requests\n";
    return Ok;
}

int demoTasksCommand(const ParsedArgs& args) {
    std::string bad;
    auto seed = uint64_t(wholeOption(args, "--seed", 0, std::numeric_limits<int64_t>::max(), bad).value_or(1));
    auto per = wholeOption(args, "--per-category", 1, 100000, bad).value_or(50);
    if (!bad.empty()) return usageError(bad, "demo tasks");
    std::string jsonl = core::taskSetToJsonl(core::generateDemoTasks(seed, int(per)));
    if (auto out = args.value("--out")) {
        if (auto ok = core::writeFileAtomically(*out, jsonl); !ok) return reportError(ok.error(), args.has("--json"));
        std::cerr << "wrote " << per * 6 << " items to " << *out << "\n";
    } else {
        std::cout << jsonl;
    }
    return Ok;
}

} // namespace

std::vector<Command> simCommands() {
    return {
        {"sim serve",
         "serve the pool simulator (SIMULATED models) on loopback",
         "Usage: baton-cli sim serve [--profile P] [--tasks T] [--port N] [--host H] [--time-scale X]\n"
         "                          [--replay M] [--json]\n\n"
         "Starts Baton's built-in simulator: an OpenAI-compatible server on loopback whose models are\n"
         "SIMULATED from a profile (skill per category, output length, latency, price, faults). It\n"
         "recognises the items of the task set and answers them right with each model's skill.\n\n"
         "Options:\n"
         "  --profile P       sim profile JSON (default: the bundled demo profile)\n"
         "  --tasks T         task set, .jsonl or .csv, or \"demo\" (default) for the generated demo set\n"
         "  --port N          port on 127.0.0.1 (default 0: any free port, printed)\n"
         "  --host H          127.0.0.1 (default), ::1 or localhost; nothing else\n"
         "  --time-scale X    1 = real latency, 0 = none (default: the profile's)\n"
         "  --replay M        serve recorded responses from an outcome matrix (CSV or JSONL with\n"
         "                    item, model, response, grade, input_tokens, output_tokens, cost)\n"
         "  --json            print the address as JSON\n\n"
         "Stops on Ctrl+C or SIGTERM.\n",
         {{"--profile", true},
          {"--tasks", true},
          {"--port", true},
          {"--host", true},
          {"--time-scale", true},
          {"--replay", true}},
         serveCommand},
        {"demo tasks",
         "write the generated demo task set as JSONL",
         "Usage: baton-cli demo tasks [--out FILE] [--seed N] [--per-category N]\n\n"
         "Generates the demo task set: real questions with computed answers in six categories\n"
         "(arithmetic, word-problem, multiple-choice, extraction, code-output, long-context),\n"
         "50 per category by default. The same seed always gives the same set.\n",
         {{"--out", true}, {"--seed", true}, {"--per-category", true}},
         demoTasksCommand},
    };
}

} // namespace baton::cli
