// SPDX-License-Identifier: MIT
#include "sim/run_simulator.h"
#include "sim/sim_responder.h"
#include "util/resources.h"
#include "util/sha256.h"

namespace baton::core {

Result<RunSimulator> startRunSimulator(std::shared_ptr<const TaskSet> tasks, const std::string& profileText,
                                       const std::string& profileName, int threads) {
    std::string text = profileText.empty() ? std::string(embeddedResource("demo/sim_profile.json").value_or(""))
                                           : profileText;
    auto profile = parseSimProfile(text, profileName);
    if (!profile) return std::unexpected(profile.error());
    SimServerOptions options;
    options.threads = threads;
    std::string identity = sha256Hex(text + "\n" + tasks->contentHash()).substr(0, 16);
    auto server = SimServer::start(std::make_shared<SimResponder>(std::move(*profile), std::move(tasks)), options);
    if (!server) return std::unexpected(server.error());
    return RunSimulator{std::move(*server), std::move(identity)};
}

} // namespace baton::core
