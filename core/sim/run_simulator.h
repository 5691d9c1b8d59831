// SPDX-License-Identifier: MIT
#pragma once
/// The simulator a run talks to: the built-in pool simulator on loopback answering a task set,
/// and its identity (profile and task set), which stands for its ephemeral URL in cache keys
/// and logged requests, so that a re-run against a new port still hits the response cache.

#include "model/task_set.h"
#include "sim/sim_server.h"

#include <memory>
#include <string>

namespace baton::core {

struct RunSimulator {
    std::unique_ptr<SimServer> server;
    std::string identity;
};

/// Starts the simulator of the sim profile `profileText` (JSON; the demo's when empty), named
/// `profileName` in messages, answering `tasks` (shared, not copied). Errors: BadInput for the
/// profile; Io when no port can be bound.
Result<RunSimulator> startRunSimulator(std::shared_ptr<const TaskSet> tasks, const std::string& profileText = {},
                                       const std::string& profileName = "demo sim profile", int threads = 256);

} // namespace baton::core
