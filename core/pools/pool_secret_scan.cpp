// SPDX-License-Identifier: MIT
#include "pools/pool_secret_scan.h"
#include "util/secrets.h"

#include <utility>
#include <vector>

namespace baton::core {
namespace {

const char* const kAdvice = "pool files are shared and must never hold a key: put it in an environment variable or "
                            "the keychain and set \"key_ref\": \"env:NAME\" or \"keychain:NAME\" instead";

} // namespace

void reportSecrets(JsonReader& reader, const Json& value, const std::string& path) {
    // An explicit stack, not recursion: a hostile document must not reach the stack limit.
    std::vector<std::pair<const Json*, std::string>> pending{{&value, path}};
    while (!pending.empty()) {
        auto [node, at] = std::move(pending.back());
        pending.pop_back();
        if (node->is_string()) {
            if (containsSecret(node->get_ref<const std::string&>()))
                reader.error(at, std::string("this value looks like an API key (not shown); ") + kAdvice);
        } else if (node->is_array()) {
            for (size_t i = node->size(); i-- > 0;)
                pending.emplace_back(&(*node)[i], JsonReader::child(at, i));
        } else if (node->is_object()) {
            std::vector<std::pair<const Json*, std::string>> children;
            for (auto it = node->begin(); it != node->end(); ++it) {
                if (containsSecret(it.key())) {
                    reader.error(at, std::string("a field name holds an API key (not shown); ") + kAdvice);
                    continue;
                }
                std::string childPath = JsonReader::child(at, it.key());
                const bool secretField =
                    isSecretFieldName(it.key()) && it->is_string() && !it->get_ref<const std::string&>().empty();
                if (secretField && !containsSecret(it->get_ref<const std::string&>()))
                    reader.error(childPath,
                                 std::string("a field named \"") + it.key() + "\" would hold a secret; " + kAdvice);
                else
                    children.emplace_back(&*it, std::move(childPath));
            }
            for (auto c = children.rbegin(); c != children.rend(); ++c)
                pending.push_back(std::move(*c));
        }
    }
}

} // namespace baton::core
