// SPDX-License-Identifier: MIT
#include "providers/endpoint.h"

namespace baton::core {

std::string defaultBaseUrl(ProviderKind provider) {
    switch (provider) {
    case ProviderKind::Anthropic:
        return "https://api.anthropic.com";
    case ProviderKind::Gemini:
        return "https://generativelanguage.googleapis.com";
    case ProviderKind::OpenAi:
        return "https://api.openai.com/v1";
    case ProviderKind::Sim:
        return "";
    }
    return "";
}

std::string baseUrlFor(const ModelSpec& model, const std::string& simBaseUrl) {
    std::string url = model.provider == ProviderKind::Sim ? simBaseUrl
                      : model.baseUrl.empty()             ? defaultBaseUrl(model.provider)
                                                          : model.baseUrl;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

} // namespace baton::core
