// SPDX-License-Identifier: MIT
#pragma once
// A baton-cli command: "pool validate", "tasks import"... with its help text, options and action.

#include "cli_args.h"

#include <functional>
#include <string>
#include <vector>

namespace baton::cli {

struct Command {
    std::string name;    ///< "pool validate"
    std::string summary; ///< one line for the overview
    std::string usage;   ///< full --help text
    std::vector<OptionSpec> options;
    std::function<int(const ParsedArgs&)> run;
};

std::vector<Command> poolCommands();
std::vector<Command> taskCommands();
std::vector<Command> dbCommands();
std::vector<Command> priceCommands();
std::vector<Command> simCommands();
std::vector<Command> runCommands();
std::vector<Command> cascadeCommands();
std::vector<Command> matrixCommands();
std::vector<Command> replayCommands();
std::vector<Command> routerCommands();
/// Parts of routerCommands(): `router train`, and `router show|export|import`.
Command routerTrainCommand();
std::vector<Command> routerArtifactCommands();
std::vector<Command> bundleCommands();
/// `prices import`, `prices versions` and `reprice`; the last two are built in their own files.
std::vector<Command> repriceCommands();
Command priceVersionsCommand();
Command repriceCommand();
std::vector<Command> coordinatorCommands();

} // namespace baton::cli
