// SPDX-License-Identifier: MIT
#include "model/price_entry.h"
#include "model/money.h"
#include "util/json_optional.h"

namespace baton::core {
namespace {

constexpr const char* kPriceKeys[] = {"input", "cached_input", "cache_write", "output", "reasoning"};

void writePrices(nlohmann::json& j, const TokenPrices& p) {
    const std::optional<double>* values[] = {&p.input, &p.cachedInput, &p.cacheWrite, &p.output, &p.reasoning};
    for (int i = 0; i < 5; ++i)
        if (*values[i]) j[kPriceKeys[i]] = **values[i];
}

TokenPrices readPrices(JsonReader& reader, const nlohmann::json& obj, const std::string& path) {
    TokenPrices p;
    std::optional<double>* values[] = {&p.input, &p.cachedInput, &p.cacheWrite, &p.output, &p.reasoning};
    for (int i = 0; i < 5; ++i) {
        *values[i] = reader.number(obj, path, kPriceKeys[i], JsonReader::Need::Optional);
        if (*values[i] && **values[i] < 0) {
            reader.error(JsonReader::child(path, kPriceKeys[i]), "a price cannot be negative");
            values[i]->reset();
        } else if (*values[i] && !(**values[i] <= kMaxPricePerMillionUsd)) {
            reader.error(JsonReader::child(path, kPriceKeys[i]),
                         "a price above $" + std::to_string(int64_t(kMaxPricePerMillionUsd)) +
                             " per 1M tokens is refused (prices are USD per million tokens; check the unit)");
            values[i]->reset();
        }
    }
    return p;
}

} // namespace

nlohmann::json toJson(const PriceEntry& e) {
    nlohmann::json j = nlohmann::json::object();
    if (!e.id.empty()) j["id"] = e.id;
    j["currency"] = e.currency;
    writePrices(j, e.prices);
    if (e.requestFee != 0) j["request_fee"] = e.requestFee;
    if (e.longContext) {
        nlohmann::json tier = {{"threshold_tokens", e.longContext->thresholdTokens}};
        writePrices(tier, e.longContext->prices);
        j["long_context"] = tier;
    }
    if (!e.source.empty()) j["source"] = e.source;
    if (!e.asOf.empty()) j["as_of"] = e.asOf;
    return j;
}

PriceEntry readPriceEntry(JsonReader& reader, const nlohmann::json& obj, const std::string& path) {
    using Need = JsonReader::Need;
    PriceEntry e;
    e.id = reader.string(obj, path, "id", Need::Optional).value_or("");
    e.currency = reader.string(obj, path, "currency", Need::Optional).value_or("USD");
    e.prices = readPrices(reader, obj, path);
    e.requestFee = reader.number(obj, path, "request_fee", Need::Optional).value_or(0);
    if (!(e.requestFee >= 0 && e.requestFee <= kMaxRequestFeeUsd)) {
        reader.error(JsonReader::child(path, "request_fee"),
                     "a request fee is between $0 and $" + std::to_string(int64_t(kMaxRequestFeeUsd)));
        e.requestFee = 0;
    }
    if (const auto* tier = reader.object(obj, path, "long_context", Need::Optional)) {
        std::string tierPath = JsonReader::child(path, "long_context");
        LongContextTier t;
        t.thresholdTokens = reader.integer(*tier, tierPath, "threshold_tokens", Need::Required).value_or(0);
        t.prices = readPrices(reader, *tier, tierPath);
        reader.warnUnknown(*tier, tierPath,
                           {"threshold_tokens", "input", "cached_input", "cache_write", "output", "reasoning"});
        e.longContext = t;
    }
    e.source = reader.string(obj, path, "source", Need::Optional).value_or("");
    e.asOf = reader.string(obj, path, "as_of", Need::Optional).value_or("");
    reader.warnUnknown(obj, path,
                       {"id", "currency", "input", "cached_input", "cache_write", "output", "reasoning", "request_fee",
                        "long_context", "source", "as_of", "note"});
    return e;
}

} // namespace baton::core
