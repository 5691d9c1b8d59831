#include "model/model_spec.h"

namespace baton::core {

std::string toString(ProviderKind kind) {
    switch (kind) {
    case ProviderKind::OpenAi:
        return "openai";
    case ProviderKind::Anthropic:
        return "anthropic";
    case ProviderKind::Gemini:
        return "gemini";
    case ProviderKind::Sim:
        return "sim";
    }
    return "openai";
}

std::optional<ProviderKind> providerKindFromString(const std::string& text) {
    for (auto kind : {ProviderKind::OpenAi, ProviderKind::Anthropic, ProviderKind::Gemini, ProviderKind::Sim})
        if (toString(kind) == text) return kind;
    return std::nullopt;
}

std::string KeyRef::toString() const {
    switch (kind) {
    case Kind::None:
        return "";
    case Kind::Env:
        return "env:" + name;
    case Kind::Keychain:
        return "keychain:" + name;
    }
    return "";
}

std::string KeyRef::environmentVariable() const {
    if (kind != Kind::Keychain) return kind == Kind::Env ? name : "";
    std::string variable = "BATON_KEY_";
    for (char c : name)
        variable +=
            std::isalnum(static_cast<unsigned char>(c)) ? char(std::toupper(static_cast<unsigned char>(c))) : '_';
    return variable;
}

std::optional<KeyRef> KeyRef::parse(const std::string& text) {
    if (text.empty()) return KeyRef{};
    auto colon = text.find(':');
    if (colon == std::string::npos || colon + 1 == text.size()) return std::nullopt;
    std::string scheme = text.substr(0, colon), name = text.substr(colon + 1);
    if (scheme == "env") {
        for (char c : name)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return std::nullopt;
        return KeyRef{Kind::Env, name};
    }
    if (scheme == "keychain") return KeyRef{Kind::Keychain, name};
    return std::nullopt;
}

} // namespace baton::core
