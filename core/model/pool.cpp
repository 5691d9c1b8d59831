#include "model/pool.h"

namespace baton::core {

const std::vector<std::string>& strategyKinds() {
    static const std::vector<std::string> kinds = {"single", "rules",  "similarity",  "cascade",
                                                   "moa",    "router", "coordinator", "oracle"};
    return kinds;
}

const ModelSpec* Pool::findModel(const std::string& modelName) const {
    for (const auto& m : models)
        if (m.name == modelName) return &m;
    return nullptr;
}

} // namespace baton::core
