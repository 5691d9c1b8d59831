// SPDX-License-Identifier: MIT
// baton-cli: Baton's headless entry point. Links baton_core only.

#include "cli_output.h"
#include "command.h"
#include "workspace_guard.h"
#include "util/temp_files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
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
                 "or every job failed) or a tasks import or bundle export stopped by Ctrl+C or SIGTERM.\n";
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

/// A standard descriptor the caller closed (`>&-`) is taken by /dev/null opened for reading, so
/// that no file the command opens becomes descriptor 1 (output meant for the terminal would go
/// into it) and writes to it still fail (EBADF), to be reported by outputWritten().
void holdClosedStandardDescriptors() {
    for (int fd = 0; fd <= 2; ++fd)
        if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            int held = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            if (held >= 0 && held != fd) ::dup2(held, fd), ::close(held);
        }
}

/// The command's output reached standard output. `report 1 > /dev/full` and `runs >&-` printed
/// nothing and exited 0; a full disk or a closed output is now an error (exit 1). A reader that
/// went away (`| head -1`) ends the process by SIGPIPE, as for any filter.
int outputWritten(int code) {
    errno = 0;
    std::cout.flush();
    bool failed = !std::cout;
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) failed = true;
    if (!failed) return code;
    int err = errno;
    std::cerr << "baton-cli: the output could not be written to standard output"
              << (err ? std::string(" (") + std::strerror(err) + ")" : std::string()) << "\n";
    return code == Ok ? BadInput : code;
}

} // namespace

int main(int argc, char** argv) {
    holdClosedStandardDescriptors();
    // A report, table or workbook stopped by SIGTERM or Ctrl+C mid-write left its temporary file
    // (`.NAME.tmp-XXXXXX`, `NAME.part`) beside the target; commands that stop cleanly block these
    // signals and handle them themselves.
    baton::core::removeTemporariesOnSignals();
    try {
        return outputWritten(run(std::vector<std::string>(argv + 1, argv + argc)));
    } catch (const std::exception& e) {
        std::cerr << "baton-cli: internal error: " << e.what() << "\nPlease report this with the command you ran.\n";
        return Internal;
    }
}
