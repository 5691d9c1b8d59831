// SPDX-License-Identifier: MIT
#include "providers/embeddings_request.h"
#include "providers/json_fields.h"

#include <cfloat>
#include <cmath>
#include <nlohmann/json.hpp>

namespace baton::core {
namespace {

using Json = nlohmann::json;

/// One embedding array -> floats; the reason it is unusable otherwise.
std::optional<std::string> readVector(const Json& values, const std::string& where, std::vector<float>& out) {
    if (!values.is_array()) return where + " is not an array of numbers";
    if (values.empty()) return where + " is empty";
    out.clear();
    out.reserve(values.size());
    for (size_t k = 0; k < values.size(); ++k) {
        const Json& v = values[k];
        if (!v.is_number()) return where + "[" + std::to_string(k) + "] is not a number";
        double d = v.get<double>();
        // Checked before the conversion: a double beyond FLT_MAX converted to float is undefined behaviour.
        if (!(std::fabs(d) <= FLT_MAX)) return where + "[" + std::to_string(k) + "] is not a finite float";
        out.push_back(float(d));
    }
    return std::nullopt;
}

} // namespace

Result<HttpRequest> buildEmbeddingsRequest(const ModelSpec& model, const std::string& baseUrl,
                                           const std::string& apiKey, const std::vector<std::string>& texts) {
    if (texts.empty()) return fail(ErrorKind::BadInput, "no texts to embed");
    HttpRequest req;
    req.headers = {{"Content-Type", "application/json"}};
    switch (model.provider) {
    case ProviderKind::Anthropic:
        return fail(ErrorKind::BadInput,
                    "model \"" + model.name +
                        "\" is an Anthropic model and Anthropic serves no embeddings endpoint; name an OpenAI-compatible, "
                        "Gemini or simulator model as the embedder");
    case ProviderKind::Gemini: {
        Json requests = Json::array();
        for (const auto& t : texts)
            requests.push_back({{"model", "models/" + model.remoteModel}, {"content", {{"parts", {{{"text", t}}}}}}});
        req.url = baseUrl + "/v1beta/models/" + model.remoteModel + ":batchEmbedContents";
        if (!apiKey.empty()) req.headers.emplace_back("x-goog-api-key", apiKey);
        req.body = Json{{"requests", requests}}.dump();
        return req;
    }
    case ProviderKind::OpenAi:
    case ProviderKind::Sim:
        req.url = baseUrl + "/embeddings";
        if (!apiKey.empty()) req.headers.emplace_back("Authorization", "Bearer " + apiKey);
        req.body = Json{{"model", model.remoteModel}, {"input", texts}}.dump();
        return req;
    }
    return fail(ErrorKind::Internal, "unknown provider");
}

Result<EmbeddingsReply> parseEmbeddingsResponse(ProviderKind provider, const std::string& body, size_t expected) {
    Json doc = Json::parse(body, nullptr, false);
    if (!doc.is_object()) return fail(ErrorKind::BadInput, "the embeddings response is not a JSON object");
    EmbeddingsReply reply;
    reply.vectors.resize(expected);
    std::vector<bool> seen(expected, false);
    if (provider == ProviderKind::Gemini) {
        const Json& list = doc.contains("embeddings") ? doc["embeddings"] : Json();
        if (!list.is_array()) return fail(ErrorKind::BadInput, "the embeddings response has no \"embeddings\" array");
        if (list.size() != expected)
            return fail(ErrorKind::BadInput, "the embeddings response has " + std::to_string(list.size()) +
                                                 " embeddings for " + std::to_string(expected) + " texts");
        for (size_t i = 0; i < expected; ++i) {
            const Json& values = list[i].is_object() && list[i].contains("values") ? list[i]["values"] : Json();
            if (auto bad = readVector(values, "embeddings[" + std::to_string(i) + "].values", reply.vectors[i]))
                return fail(ErrorKind::BadInput, "the embeddings response is unusable: " + *bad);
            seen[i] = true;
        }
    } else {
        const Json& data = doc.contains("data") ? doc["data"] : Json();
        if (!data.is_array()) return fail(ErrorKind::BadInput, "the embeddings response has no \"data\" array");
        if (data.size() != expected)
            return fail(ErrorKind::BadInput, "the embeddings response has " + std::to_string(data.size()) +
                                                 " entries for " + std::to_string(expected) + " texts");
        for (size_t k = 0; k < data.size(); ++k) {
            std::string where = "data[" + std::to_string(k) + "]";
            // OpenAI answers in input order and says so with "index"; an entry without it is in order.
            auto index = data[k].is_object() && data[k].contains("index") ? intField(data[k], "index")
                                                                           : std::optional<int64_t>(int64_t(k));
            if (!index || *index < 0 || size_t(*index) >= expected || seen[size_t(*index)])
                return fail(ErrorKind::BadInput, "the embeddings response is unusable: " + where +
                                                     ".index is missing, out of range or repeated");
            const Json& values = data[k].is_object() && data[k].contains("embedding") ? data[k]["embedding"] : Json();
            if (auto bad = readVector(values, where + ".embedding", reply.vectors[size_t(*index)]))
                return fail(ErrorKind::BadInput, "the embeddings response is unusable: " + *bad +
                                                     (values.is_string() ? " (base64 encoding is not requested)" : ""));
            seen[size_t(*index)] = true;
        }
        reply.promptTokens = intField(objectField(doc, "usage"), "prompt_tokens");
        if (reply.promptTokens && *reply.promptTokens < 0) reply.promptTokens.reset();
    }
    for (size_t i = 1; i < expected; ++i)
        if (reply.vectors[i].size() != reply.vectors[0].size())
            return fail(ErrorKind::BadInput, "the embeddings response mixes dimensions: " +
                                                 std::to_string(reply.vectors[0].size()) + " for the first text, " +
                                                 std::to_string(reply.vectors[i].size()) + " for text " +
                                                 std::to_string(i + 1));
    return reply;
}

} // namespace baton::core
