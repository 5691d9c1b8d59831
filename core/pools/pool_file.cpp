// SPDX-License-Identifier: MIT
#include "pools/pool_file.h"
#include "util/json_reader.h"
#include "pools/pool_secret_scan.h"
#include "strategies/strategy_registry.h"
#include "model/model_compat.h"
#include "util/calendar_date.h"
#include "model/money.h"
#include "util/file_io.h"
#include "util/json_text.h"
#include "util/url.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace baton::core {
namespace {

using Need = JsonReader::Need;

/// Endpoint presets: where a local OpenAI-compatible server listens by default (no key, price 0
/// unless the pool states one), and Azure OpenAI (deployment URL, api-version, "api-key" header).
struct Preset {
    const char* name;
    const char* baseUrl; ///< "" = the pool file must give base_url
    bool local;
};
constexpr Preset kPresets[] = {{"ollama", "http://127.0.0.1:11434/v1", true},
                               {"llama.cpp", "http://127.0.0.1:8080/v1", true},
                               {"vllm", "http://127.0.0.1:8000/v1", true},
                               {"azure-openai", "", false}};
const char* const kPresetNames = "ollama, llama.cpp, vllm or azure-openai";

const Preset* findPreset(const std::string& name) {
    for (const auto& preset : kPresets)
        if (name == preset.name) return &preset;
    return nullptr;
}

bool isAzure(const Preset* preset) {
    return preset && std::string(preset->name) == "azure-openai";
}

void readUrl(JsonReader& reader, ModelSpec& m, const Json& obj, const std::string& path, const Preset* preset) {
    bool needed = m.provider != ProviderKind::Sim && !(preset && *preset->baseUrl);
    auto url = reader.string(obj, path, "base_url", needed ? Need::Required : Need::Optional);
    if (!url && preset && *preset->baseUrl) url = preset->baseUrl;
    if (!url) return;
    m.baseUrl = *url;
    std::string at = JsonReader::child(path, "base_url");
    auto parsed = parseUrl(*url);
    if (!parsed)
        reader.error(at, "not an http(s) URL: " + JsonReader::describe(Json(*url)));
    else if (parsed->scheme == "http" && !isLoopbackHost(parsed->host))
        reader.error(at, "plain http is only allowed to loopback (127.0.0.1, localhost, [::1]); use https:// so the "
                         "key is not sent in clear");
}

void readPrice(JsonReader& reader, ModelSpec& m, const Json& obj, const std::string& path) {
    auto it = obj.find("price");
    if (it == obj.end() || it->is_null()) return;
    std::string at = JsonReader::child(path, "price");
    if (it->is_string())
        m.priceRef = it->get<std::string>();
    else if (it->is_object())
        m.priceOverride = readPriceEntry(reader, *it, at);
    else
        reader.error(at, "expected a price book id or an object of prices, got " + JsonReader::describe(*it));
}

/// Anthropic's version header and key header, pinned per model (both forms stay supported);
/// Azure OpenAI's api-version (a query parameter) and its "api-key" header.
void readWireOptions(JsonReader& reader, ModelSpec& m, const Json& obj, const std::string& path,
                     const Preset* preset) {
    std::string apiVersion = reader.string(obj, path, "api_version", isAzure(preset) ? Need::Required : Need::Optional)
                                 .value_or("");
    m.auth = reader.string(obj, path, "auth", Need::Optional).value_or(isAzure(preset) ? "api-key" : "");
    const std::string authAt = JsonReader::child(path, "auth");
    if (isAzure(preset)) {
        if (!apiVersion.empty()) m.query["api-version"] = apiVersion;
        if (m.keyRef.kind == KeyRef::Kind::None)
            reader.error(JsonReader::child(path, "key_ref"),
                         "Azure OpenAI needs a key: add \"key_ref\": \"env:AZURE_OPENAI_API_KEY\" (or another name)");
    } else {
        m.apiVersion = apiVersion;
    }
    if (m.auth == "api-key") {
        if (m.provider != ProviderKind::OpenAi)
            reader.error(authAt, "\"api-key\" is Azure OpenAI's header; only provider openai sends it");
    } else if (!m.auth.empty() && m.auth != "x-api-key" && m.auth != "bearer") {
        reader.error(authAt, "expected \"x-api-key\" or \"bearer\" (Anthropic) or \"api-key\" (Azure OpenAI), got " +
                                 JsonReader::describe(Json(m.auth)));
    }
    if ((!m.apiVersion.empty() || (!m.auth.empty() && m.auth != "api-key")) && m.provider != ProviderKind::Anthropic)
        reader.warning(JsonReader::child(path, m.apiVersion.empty() ? "auth" : "api_version"),
                       "only Anthropic models read this; it is ignored for provider " + toString(m.provider) +
                           " (Azure OpenAI: \"preset\": \"azure-openai\")");
}

bool isHeaderName(const std::string& name) {
    static const std::string kTokenPunctuation = "!#$%&'*+-.^_`|~";
    return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || kTokenPunctuation.find(char(c)) != std::string::npos;
    });
}

bool hasControlCharacter(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

/// "headers": {"name": "inline value" | {"key_ref": "env:NAME"}}, "query": {"name": "value"}.
/// Inline values are never secrets: the pool file's secret scan has refused those already.
void readEndpointExtras(JsonReader& reader, ModelSpec& m, const Json& obj, const std::string& path) {
    if (const auto* headers = reader.object(obj, path, "headers", Need::Optional)) {
        const std::string at = JsonReader::child(path, "headers");
        for (auto it = headers->begin(); it != headers->end(); ++it) {
            const std::string here = JsonReader::child(at, it.key());
            if (!isHeaderName(it.key())) {
                reader.error(here, "not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
                continue;
            }
            HeaderValue header;
            if (it->is_string()) {
                header.value = it->get<std::string>();
                if (hasControlCharacter(header.value)) {
                    reader.error(here, "a header value cannot hold control characters (CR, LF...)");
                    continue;
                }
            } else if (it->is_object() && it->size() == 1 && it->contains("key_ref") && (*it)["key_ref"].is_string()) {
                auto ref = KeyRef::parse((*it)["key_ref"].get<std::string>());
                if (!ref || ref->kind == KeyRef::Kind::None) {
                    reader.error(JsonReader::child(here, "key_ref"),
                                 "expected \"env:VARIABLE_NAME\" or \"keychain:ENTRY_NAME\", got " +
                                     JsonReader::describe((*it)["key_ref"]));
                    continue;
                }
                header.keyRef = *ref;
            } else {
                reader.error(here, "expected a string, or {\"key_ref\": \"env:NAME\"} for a secret value, got " +
                                       JsonReader::describe(*it));
                continue;
            }
            m.headers[it.key()] = std::move(header);
        }
    }
    if (const auto* query = reader.object(obj, path, "query", Need::Optional)) {
        const std::string at = JsonReader::child(path, "query");
        for (auto it = query->begin(); it != query->end(); ++it) {
            if (it.key().empty())
                reader.error(at, "a query parameter needs a name");
            else if (!it->is_string())
                reader.error(JsonReader::child(at, it.key()), "expected a string (secrets never go in a URL), got " +
                                                                  JsonReader::describe(*it));
            else
                m.query[it.key()] = it->get<std::string>();
        }
    }
}

ModelSpec readModel(JsonReader& reader, const Json& obj, const std::string& path) {
    ModelSpec m;
    m.name = reader.string(obj, path, "name", Need::Required).value_or("");
    const Preset* preset = nullptr;
    if (auto name = reader.string(obj, path, "preset", Need::Optional)) {
        preset = findPreset(*name);
        if (!preset)
            reader.error(JsonReader::child(path, "preset"), "unknown preset " + JsonReader::describe(Json(*name)) +
                                                                "; expected " + kPresetNames);
    }
    // A preset is an OpenAI-compatible endpoint: the provider may be left out.
    if (auto provider = reader.string(obj, path, "provider", preset ? Need::Optional : Need::Required)) {
        if (auto kind = providerKindFromString(*provider))
            m.provider = *kind;
        else
            reader.error(JsonReader::child(path, "provider"), "unknown provider " +
                                                                  JsonReader::describe(Json(*provider)) +
                                                                  "; expected openai, anthropic, gemini or sim");
        if (preset && m.provider != ProviderKind::OpenAi)
            reader.error(JsonReader::child(path, "provider"),
                         std::string("preset ") + preset->name + " is an OpenAI-compatible endpoint: provider openai");
    }
    readUrl(reader, m, obj, path, preset);
    m.remoteModel = reader.string(obj, path, "model", Need::Required).value_or("");
    if (auto key = reader.string(obj, path, "key_ref", Need::Optional)) {
        if (auto ref = KeyRef::parse(*key))
            m.keyRef = *ref;
        else
            reader.error(JsonReader::child(path, "key_ref"),
                         "expected \"env:VARIABLE_NAME\" or \"keychain:ENTRY_NAME\", got " +
                             JsonReader::describe(Json(*key)));
    }
    readPrice(reader, m, obj, path);
    // A local server costs nothing per token unless the pool states a price (e.g. its hourly cost
    // converted to tokens).
    if (preset && preset->local && m.priceRef.empty() && !m.priceOverride) {
        PriceEntry free;
        free.prices.input = 0, free.prices.output = 0;
        free.source = std::string("preset ") + preset->name + ": a local server, no per-token price";
        m.priceOverride = free;
    }
    for (auto [key, field] :
         {std::pair{"context_window", &m.contextWindow}, {"max_output_tokens", &m.maxOutputTokens}}) {
        *field = reader.integer(obj, path, key, Need::Optional);
        if (*field && **field <= 0) reader.error(JsonReader::child(path, key), "must be a positive number of tokens");
    }
    if (const auto* params = reader.object(obj, path, "params", Need::Optional)) m.params = *params;
    readWireOptions(reader, m, obj, path, preset);
    readEndpointExtras(reader, m, obj, path);
    if (const auto* tags = reader.object(obj, path, "tags", Need::Optional)) {
        for (auto it = tags->begin(); it != tags->end(); ++it) {
            if (it->is_string())
                m.tags[it.key()] = it->get<std::string>();
            else
                reader.error(JsonReader::child(JsonReader::child(path, "tags"), it.key()),
                             "expected a string, got " + JsonReader::describe(*it));
        }
    }
    reader.warnUnknown(obj, path,
                       {"name", "provider", "base_url", "model", "key_ref", "price", "context_window",
                        "max_output_tokens", "params", "tags", "api_version", "auth", "preset", "headers",
                        "query"});
    return m;
}

void readModels(JsonReader& reader, const Json& doc, Pool& pool) {
    const auto* models = reader.array(doc, "", "models", Need::Required);
    if (!models) return;
    if (models->empty()) reader.error("/models", "a pool needs at least one model");
    std::set<std::string> names;
    for (size_t i = 0; i < models->size(); ++i) {
        std::string path = JsonReader::child("/models", i);
        if (!(*models)[i].is_object()) {
            reader.error(path, "expected an object, got " + JsonReader::describe((*models)[i]));
            continue;
        }
        ModelSpec m = readModel(reader, (*models)[i], path);
        if (!m.name.empty() && !names.insert(m.name).second)
            reader.error(JsonReader::child(path, "name"), "duplicate model name \"" + m.name + "\"");
        pool.models.push_back(std::move(m));
    }
}

void readStrategies(JsonReader& reader, const Json& doc, Pool& pool) {
    const auto* strategies = reader.object(doc, "", "strategies", Need::Optional);
    if (!strategies) return;
    for (auto it = strategies->begin(); it != strategies->end(); ++it) {
        std::string path = JsonReader::child("/strategies", it.key());
        if (!it->is_object()) {
            reader.error(path, "expected an object with a \"kind\", got " + JsonReader::describe(*it));
            continue;
        }
        StrategyConfig config;
        config.kind = reader.string(*it, path, "kind", Need::Required).value_or("");
        config.settings = *it;
        config.settings.erase("kind");
        pool.strategies[it.key()] = std::move(config);
    }
}

void readConstraints(JsonReader& reader, const Json& doc, Pool& pool) {
    const auto* c = reader.object(doc, "", "constraints", Need::Optional);
    if (!c) return;
    const std::string path = "/constraints";
    if (const auto* tags = reader.object(*c, path, "allowed_tags", Need::Optional)) {
        for (auto it = tags->begin(); it != tags->end(); ++it) {
            std::string at = JsonReader::child(JsonReader::child(path, "allowed_tags"), it.key());
            bool ok =
                it->is_array() && std::all_of(it->begin(), it->end(), [](const Json& v) { return v.is_string(); });
            if (!ok)
                reader.error(at, "expected an array of strings, got " + JsonReader::describe(*it));
            else
                pool.constraints.allowedTags[it.key()] = it->get<std::vector<std::string>>();
        }
    }
    for (auto [key, field] : {std::pair{"budget_per_task_usd", &pool.constraints.budgetPerTaskUsd},
                              {"budget_per_run_usd", &pool.constraints.budgetPerRunUsd}}) {
        *field = reader.number(*c, path, key, Need::Optional);
        if (*field && !(**field > 0 && **field <= kMaxBudgetUsd))
            reader.error(JsonReader::child(path, key), "a budget must be above 0 and at most $" +
                                                           std::to_string(int64_t(kMaxBudgetUsd)));
    }
    reader.warnUnknown(*c, path, {"allowed_tags", "budget_per_task_usd", "budget_per_run_usd"});
}

void warnAboutConstraintViolations(JsonReader& reader, const Pool& pool) {
    for (size_t i = 0; i < pool.models.size(); ++i) {
        const auto& m = pool.models[i];
        for (const auto& [tag, allowed] : pool.constraints.allowedTags) {
            auto it = m.tags.find(tag);
            if (it == m.tags.end() || std::find(allowed.begin(), allowed.end(), it->second) == allowed.end())
                reader.warning(JsonReader::child("/models", i), "model \"" + m.name +
                                                                    "\" is outside the constraint on tag \"" + tag +
                                                                    "\" and will be left out of runs");
        }
    }
}

} // namespace

Result<LoadedPool> parsePool(const std::string& text, const std::string& fileName) {
    auto parsed = parseJsonText(text, fileName);
    if (!parsed) return std::unexpected(parsed.error());
    Json doc = std::move(*parsed);
    if (!doc.is_object())
        return fail(ErrorKind::BadInput, fileName + ": a pool file is a JSON object, got " + JsonReader::describe(doc));

    JsonReader reader(fileName);
    reportSecrets(reader, doc, "");
    if (auto schema = reader.integer(doc, "", "schema", Need::Required); schema && *schema != kPoolSchemaVersion)
        reader.error("/schema", "this Baton reads pool schema " + std::to_string(kPoolSchemaVersion) +
                                    ", the file has " + std::to_string(*schema) +
                                    (*schema > kPoolSchemaVersion ? "; upgrade Baton" : ""));
    Pool pool;
    pool.name = reader.string(doc, "", "name", Need::Required).value_or("");
    pool.description = reader.string(doc, "", "description", Need::Optional).value_or("");
    readModels(reader, doc, pool);
    readStrategies(reader, doc, pool);
    readConstraints(reader, doc, pool);
    // Each configuration is read by its kind, against the models read above.
    for (const auto& [name, config] : pool.strategies)
        if (!config.kind.empty()) strategyRegistry().read(reader, pool, name, JsonReader::child("/strategies", name));
    reader.warnUnknown(doc, "", {"schema", "name", "description", "models", "strategies", "constraints"});
    if (!reader.ok()) {
        auto count = std::count_if(reader.diagnostics().begin(), reader.diagnostics().end(),
                                   [](const Diagnostic& d) { return d.severity == Severity::Error; });
        return fail(ErrorKind::BadInput, fileName + ": " + std::to_string(count) + " problem(s) in the pool file",
                    reader.diagnostics());
    }
    warnAboutConstraintViolations(reader, pool);
    // Announced deprecations and refused parameters: warnings here, so the file opens to be
    // fixed; a run refuses to start on the errors among them (run_engine's checks).
    for (size_t i = 0; i < pool.models.size(); ++i)
        for (const auto& d : checkModelCompat(pool.models[i], JsonReader::child("/models", i), todayIso()))
            reader.warning(d.location, d.message);
    return LoadedPool{std::move(pool), onlyWarnings(reader.diagnostics())};
}

Result<LoadedPool> loadPoolFile(const std::string& path) {
    auto text = readTextFile(path);
    if (!text) return std::unexpected(text.error());
    return parsePool(*text, path);
}

nlohmann::json poolToJson(const Pool& pool) {
    Json models = Json::array();
    for (const auto& m : pool.models) {
        Json j = {{"name", m.name}, {"provider", toString(m.provider)}, {"model", m.remoteModel}};
        if (!m.baseUrl.empty()) j["base_url"] = m.baseUrl;
        if (m.keyRef.kind != KeyRef::Kind::None) j["key_ref"] = m.keyRef.toString();
        if (m.priceOverride)
            j["price"] = toJson(*m.priceOverride);
        else if (!m.priceRef.empty())
            j["price"] = m.priceRef;
        if (m.contextWindow) j["context_window"] = *m.contextWindow;
        if (m.maxOutputTokens) j["max_output_tokens"] = *m.maxOutputTokens;
        if (!m.params.empty()) j["params"] = m.params;
        if (!m.apiVersion.empty()) j["api_version"] = m.apiVersion;
        if (!m.auth.empty()) j["auth"] = m.auth;
        if (!m.headers.empty()) {
            Json headers = Json::object();
            for (const auto& [name, header] : m.headers)
                headers[name] = header.keyRef.kind == KeyRef::Kind::None ? Json(header.value)
                                                                          : Json{{"key_ref", header.keyRef.toString()}};
            j["headers"] = headers;
        }
        if (!m.query.empty()) j["query"] = m.query;
        if (!m.tags.empty()) j["tags"] = m.tags;
        models.push_back(std::move(j));
    }
    Json doc = {{"schema", kPoolSchemaVersion}, {"name", pool.name}};
    if (!pool.description.empty()) doc["description"] = pool.description;
    doc["models"] = models;
    if (!pool.strategies.empty()) {
        Json strategies = Json::object();
        for (const auto& [name, config] : pool.strategies) {
            Json s = config.settings;
            s["kind"] = config.kind;
            strategies[name] = s;
        }
        doc["strategies"] = strategies;
    }
    Json constraints = Json::object();
    if (!pool.constraints.allowedTags.empty()) constraints["allowed_tags"] = pool.constraints.allowedTags;
    if (pool.constraints.budgetPerTaskUsd) constraints["budget_per_task_usd"] = *pool.constraints.budgetPerTaskUsd;
    if (pool.constraints.budgetPerRunUsd) constraints["budget_per_run_usd"] = *pool.constraints.budgetPerRunUsd;
    if (!constraints.empty()) doc["constraints"] = constraints;
    return doc;
}

Status savePoolFile(const Pool& pool, const std::string& path) {
    return writeFileAtomically(path, poolToJson(pool).dump(2) + "\n");
}

} // namespace baton::core
