// SPDX-License-Identifier: MIT
#include "pricing/community_prices.h"

#include "model/money.h"
#include "util/json_reader.h"

#include <cmath>
#include <regex>

namespace baton::core {

namespace {

constexpr double kPerMillion = 1e6;

// A per-token price read at `path`, as USD per 1M tokens; out-of-range values are errors.
std::optional<double> perMillion(JsonReader& reader, const Json& obj, const std::string& path, const char* key) {
    auto v = reader.number(obj, path, key, JsonReader::Need::Optional);
    if (!v) return std::nullopt;
    double m = *v * kPerMillion;
    if (!(m >= 0 && m <= kMaxPricePerMillionUsd)) {
        reader.error(JsonReader::child(path, key), "a price per token is between 0 and " +
                                                       std::to_string(kMaxPricePerMillionUsd / kPerMillion) +
                                                       " USD, got " + JsonReader::describe(obj[key]));
        return std::nullopt;
    }
    return std::round(m * 1e9) / 1e9; // per-token figures like 2.5e-06 become exactly 2.5
}

// "input_cost_per_token_above_200k_tokens" -> 200000: the largest tier the entry states.
std::optional<LongContextTier> tier(JsonReader& reader, const Json& obj, const std::string& path) {
    static const std::regex name(R"(^(input|output)_cost_per_token_above_(\d+)k_tokens$)");
    std::optional<LongContextTier> best;
    for (const auto& [key, value] : obj.items()) {
        std::smatch m;
        if (!std::regex_match(key, m, name)) continue;
        // Thousands of tokens, up to 10^9 (10^12 tokens): stoll threw past 19 digits and the product wrapped.
        const std::string thousands = m[2].str();
        if (thousands.size() > 10 || std::stoll(thousands) > 1000000000) {
            reader.error(JsonReader::child(path, key),
                         "a long-context threshold is at most 1000000000k tokens; this key names " + thousands +
                             "k; fix or remove the entry");
            continue;
        }
        int64_t threshold = std::stoll(thousands) * 1000;
        if (best && best->thresholdTokens > threshold) continue;
        if (!best || best->thresholdTokens < threshold) best = LongContextTier{threshold, {}};
        auto price = perMillion(reader, obj, path, key.c_str());
        (m[1] == "input" ? best->prices.input : best->prices.output) = price;
    }
    return best;
}

} // namespace

bool looksLikeCommunityPrices(const std::string& text) {
    Json doc = Json::parse(text, nullptr, false);
    if (!doc.is_object() || doc.contains("schema")) return false;
    for (const auto& [key, value] : doc.items())
        if (value.is_object() && (value.contains("input_cost_per_token") || value.contains("litellm_provider")))
            return true;
    return false;
}

Result<CommunityPrices> readCommunityPrices(const std::string& text, const std::string& fileName,
                                            const std::string& asOf, const std::string& source) {
    Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return fail(ErrorKind::BadInput, fileName + ": not a JSON object of models; check the file's syntax");
    JsonReader reader(fileName);
    CommunityPrices out;
    for (const auto& [key, value] : doc.items()) {
        if (key == "sample_spec") continue; // the format's own documentation entry
        std::string path = JsonReader::child("", key);
        if (!value.is_object()) {
            reader.error(path, "expected an object, got " + JsonReader::describe(value));
            continue;
        }
        PriceEntry e;
        e.prices.input = perMillion(reader, value, path, "input_cost_per_token");
        e.prices.output = perMillion(reader, value, path, "output_cost_per_token");
        if (!e.prices.input || !e.prices.output) {
            ++out.skipped;
            continue;
        }
        e.prices.cachedInput = perMillion(reader, value, path, "cache_read_input_token_cost");
        e.prices.cacheWrite = perMillion(reader, value, path, "cache_creation_input_token_cost");
        e.prices.reasoning = perMillion(reader, value, path, "output_cost_per_reasoning_token");
        if (auto fee = reader.number(value, path, "input_cost_per_request", JsonReader::Need::Optional)) {
            if (*fee >= 0 && *fee <= kMaxRequestFeeUsd) e.requestFee = *fee;
            else reader.error(JsonReader::child(path, "input_cost_per_request"), "a request fee is between $0 and $1000");
        }
        e.longContext = tier(reader, value, path);
        std::string provider = value.value("litellm_provider", "");
        e.id = key.find('/') != std::string::npos || provider.empty() ? key : provider + "/" + key;
        e.asOf = asOf;
        e.source = source;
        out.book.insert(std::move(e));
    }
    if (!reader.ok()) return fail(ErrorKind::BadInput, fileName + ": invalid price list", reader.diagnostics());
    return out;
}

} // namespace baton::core
