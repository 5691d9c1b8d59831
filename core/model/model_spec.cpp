// SPDX-License-Identifier: MIT
#include "model/model_spec.h"
#include "util/enum_names.h"

namespace baton::core {

namespace {

constexpr EnumName<ProviderKind> kProviders[] = {{ProviderKind::OpenAi, "openai"},
                                                 {ProviderKind::Anthropic, "anthropic"},
                                                 {ProviderKind::Gemini, "gemini"},
                                                 {ProviderKind::Sim, "sim"}};

} // namespace

std::string toString(ProviderKind kind) {
    return enumName(kProviders, kind);
}

std::optional<ProviderKind> providerKindFromString(const std::string& text) {
    return enumFromName(kProviders, text);
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
