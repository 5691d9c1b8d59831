// SPDX-License-Identifier: MIT
#include "model/pool.h"

namespace baton::core {

const ModelSpec* Pool::findModel(const std::string& modelName) const {
    for (const auto& m : models)
        if (m.name == modelName) return &m;
    return nullptr;
}

} // namespace baton::core
