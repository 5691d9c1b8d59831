// SPDX-License-Identifier: MIT
#pragma once
/// PoolMakeup: how a pool splits by weights (open/closed), vendor and jurisdiction, from tags.

#include "model/pool.h"

#include <map>
#include <string>

namespace baton::core {

struct PoolMakeup {
    std::map<std::string, int> weights; ///< "open" -> 2, "closed" -> 4, "untagged" -> ...
    std::map<std::string, int> vendors;
    std::map<std::string, int> jurisdictions;
};

PoolMakeup poolMakeup(const Pool& pool);

} // namespace baton::core
