// SPDX-License-Identifier: MIT
#pragma once
/// Reads of a run's stored record (pool snapshot, settings) with their types checked: a run
/// imported from a bundle or written by another version must not make a listing, report or
/// re-pricing of it throw.

#include "model/run.h"

#include <string>

namespace baton::core {

/// The pool snapshot's models array; an empty array when there is none of that shape.
const nlohmann::json& snapshotModels(const Run& run);
/// j[key] when j is an object and that field a string, else "".
std::string stringAt(const nlohmann::json& j, const char* key);
/// Whether the run made its baselines: its `baselines` setting, on when absent or not a bool.
bool baselinesOn(const Run& run);

} // namespace baton::core
