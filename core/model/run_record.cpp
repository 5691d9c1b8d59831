// SPDX-License-Identifier: MIT
#include "model/run_record.h"

namespace baton::core {

const nlohmann::json& snapshotModels(const Run& run) {
    static const nlohmann::json none = nlohmann::json::array();
    if (!run.poolSnapshot.is_object()) return none;
    auto models = run.poolSnapshot.find("models");
    return models != run.poolSnapshot.end() && models->is_array() ? *models : none;
}

std::string stringAt(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return "";
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool baselinesOn(const Run& run) {
    if (!run.settings.is_object()) return true;
    auto on = run.settings.find("baselines");
    return on == run.settings.end() || !on->is_boolean() || on->get<bool>();
}

} // namespace baton::core
