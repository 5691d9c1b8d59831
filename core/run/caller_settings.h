// SPDX-License-Identifier: MIT
#pragma once
/// What a ModelCaller is given for a run: where keys and endpoints come from, prices, timeouts,
/// concurrency, streaming, the seed of its retry jitter.

#include "model/model_spec.h"
#include "net/http_types.h"
#include "pricing/price_book.h"

#include <functional>
#include <optional>
#include <string>

namespace baton::core {

/// Where a key lives -> the key, or nullopt when it is not there. Supplied by the caller (the
/// CLI reads the environment, the GUI the keychain); core never looks on its own.
using KeyResolver = std::function<std::optional<std::string>(const KeyRef&)>;

struct CallerSettings {
    int64_t runId = 0;
    const PriceBook* prices = nullptr;
    KeyResolver resolveKey;
    std::function<std::string(const ModelSpec&)> baseUrlFor;
    std::string simIdentity; ///< replaces the simulator's ephemeral URL in cache keys and logged requests
    HttpTimeouts timeouts;
    int perModelConcurrency = 8;
    uint64_t seed = 0;
    bool stream = false; ///< every request streams (SSE): time to first token is measured
};

} // namespace baton::core
