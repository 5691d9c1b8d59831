// SPDX-License-Identifier: MIT
#include "providers/model_listing.h"
#include "providers/anthropic_headers.h"
#include "util/json_text.h"

#include <nlohmann/json.hpp>

namespace baton::core {

HttpRequest buildModelListRequest(const ModelSpec& model, const std::string& baseUrl, const std::string& apiKey) {
    HttpRequest req;
    req.method = "GET";
    switch (model.provider) {
    case ProviderKind::Anthropic:
        req.url = baseUrl + "/v1/models?limit=1000";
        req.headers = anthropicHeaders(model, apiKey);
        break;
    case ProviderKind::Gemini:
        req.url = baseUrl + "/v1beta/models?pageSize=1000";
        if (!apiKey.empty()) req.headers.emplace_back("x-goog-api-key", apiKey);
        break;
    case ProviderKind::OpenAi:
    case ProviderKind::Sim:
        req.url = baseUrl + "/models";
        if (!apiKey.empty()) req.headers.emplace_back("Authorization", "Bearer " + apiKey);
        break;
    }
    return req;
}

Result<std::vector<std::string>> parseModelList(ProviderKind provider, const std::string& body) {
    auto json = parseJsonOrDiscarded(body);
    const char* listField = provider == ProviderKind::Gemini ? "models" : "data";
    const char* idField = provider == ProviderKind::Gemini ? "name" : "id";
    if (!json.is_object() || !json.contains(listField) || !json[listField].is_array())
        return fail(ErrorKind::BadInput, std::string("the listing has no \"") + listField + "\" array");
    std::vector<std::string> ids;
    for (const auto& entry : json[listField]) {
        if (!entry.is_object() || !entry.contains(idField) || !entry[idField].is_string()) continue;
        std::string id = entry[idField].get<std::string>();
        if (provider == ProviderKind::Gemini && id.starts_with("models/")) id.erase(0, 7);
        ids.push_back(std::move(id));
    }
    return ids;
}

} // namespace baton::core
