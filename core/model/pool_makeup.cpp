// SPDX-License-Identifier: MIT
#include "model/pool_makeup.h"

namespace baton::core {

PoolMakeup poolMakeup(const Pool& pool) {
    PoolMakeup makeup;
    auto count = [](std::map<std::string, int>& into, const ModelSpec& m, const char* tag) {
        auto it = m.tags.find(tag);
        ++into[it == m.tags.end() ? "untagged" : it->second];
    };
    for (const auto& m : pool.models) {
        count(makeup.weights, m, "weights");
        count(makeup.vendors, m, "vendor");
        count(makeup.jurisdictions, m, "jurisdiction");
    }
    return makeup;
}

} // namespace baton::core
