// SPDX-License-Identifier: MIT
// baton-cli: Baton's headless entry point. Links baton_core only.

#include "cli_output.h"
#include "command.h"
#include "workspace_guard.h"

#include <algorithm>
#include <exception>
#include <iostream>

namespace {

using namespace baton::cli;

std::vector<Command> allCommands() {
    std::vector<Command> all;
    for (auto group : {poolCommands(), taskCommands(), dbCommands(), priceCommands(), simCommands(), runCommands(),
                       cascadeCommands(), matrixCommands(), replayCommands(), routerCommands(), bundleCommands(),
                       repriceCommands(), coordinatorCommands()})
        all.insert(all.end(), group.begin(), group.end());
    return all;
}

void printOverview(const std::vector<Command>& commands) {
    std::cout << "Usage: baton-cli COMMAND [options]\n\nBaton's headless command line: pools, task sets, workspaces "
                 "and the pool simulator.\n\nCommands:\n";
    size_t width = 0; // the longest name and a space ("cascade optimise" had none)
    for (const auto& c : commands)
        width = std::max(width, c.name.size() + 1);
    for (const auto& c : commands)
        std::cout << "  " << std::string(c.name).append(width - c.name.size(), ' ') << c.summary << "\n";
    std::cout << "\nEvery command takes --help and --json.\n"
                 "Exit codes: 0 ok, 1 bad input (invalid or missing file, unusable database, disk full), 2 usage,\n"
                 "3 internal error, 4 a run that did not finish (stopped by the budget or call cap, cancelled,\n"
                 "or every job failed) or a tasks import stopped by Ctrl+C or SIGTERM.\n";
}

int run(const std::vector<std::string>& args) {
    auto commands = allCommands();
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printOverview(commands);
        return args.empty() ? Usage : Ok;
    }
    if (args[0] == "--version") {
        std::cout << "baton-cli " << BATON_VERSION << "\n";
        return Ok;
    }
    for (const auto& c : commands) {
        // A command is one or two words ("run", "pool validate"); match them against the first args.
        auto space = c.name.find(' ');
        size_t words = space == std::string::npos ? 1 : 2;
        if (args.size() < words || args[0] != c.name.substr(0, space)) continue;
        if (words == 2 && args[1] != c.name.substr(space + 1)) continue;
        std::vector<std::string> rest(args.begin() + long(words), args.end());
        std::string error;
        auto parsed = parseArgs(rest, c.options, error);
        if (!parsed) return usageError(error, c.name);
        if (parsed->has("--help")) {
            std::cout << c.usage;
            return Ok;
        }
        if (auto clash = outputOverWorkspace(*parsed)) return usageError(*clash, c.name);
        return c.run(*parsed);
    }
    std::string given = args[0] + (args.size() > 1 && args[1].rfind("--", 0) != 0 ? " " + args[1] : "");
    std::cerr << "baton-cli: unknown command \"" << given << "\"\n";
    printOverview(commands);
    return Usage;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception& e) {
        std::cerr << "baton-cli: internal error: " << e.what() << "\nPlease report this with the command you ran.\n";
        return Internal;
    }
}
