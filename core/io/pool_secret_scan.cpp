#include "pools/pool_secret_scan.h"
#include "util/secrets.h"

namespace baton::core {
namespace {

const char* const kAdvice = "pool files are shared and must never hold a key: put it in an environment variable or "
                            "the keychain and set \"key_ref\": \"env:NAME\" or \"keychain:NAME\" instead";

} // namespace

void reportSecrets(JsonReader& reader, const Json& value, const std::string& path) {
    if (value.is_string()) {
        if (looksLikeSecret(value.get_ref<const std::string&>()))
            reader.error(path, std::string("this value looks like an API key (not shown); ") + kAdvice);
        return;
    }
    if (value.is_array()) {
        for (size_t i = 0; i < value.size(); ++i)
            reportSecrets(reader, value[i], JsonReader::child(path, i));
        return;
    }
    if (!value.is_object()) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
        std::string childPath = JsonReader::child(path, it.key());
        bool secretField = isSecretFieldName(it.key()) && it->is_string() && !it->get_ref<const std::string&>().empty();
        if (secretField && !looksLikeSecret(it->get_ref<const std::string&>()))
            reader.error(childPath, std::string("a field named \"") + it.key() + "\" would hold a secret; " + kAdvice);
        else
            reportSecrets(reader, *it, childPath);
    }
}

} // namespace baton::core
