// SPDX-License-Identifier: MIT
#include "store/hash_key.h"

namespace baton::core {

int64_t hashKey(std::string_view hash) {
    uint64_t key = 0;
    for (size_t i = 0; i < 16; ++i) {
        const char c = i < hash.size() ? hash[i] : '0';
        const unsigned digit = c >= '0' && c <= '9'   ? unsigned(c - '0')
                               : c >= 'a' && c <= 'f' ? unsigned(c - 'a' + 10)
                               : c >= 'A' && c <= 'F' ? unsigned(c - 'A' + 10)
                                                      : 0u;
        key = key << 4 | digit;
    }
    return static_cast<int64_t>(key);
}

} // namespace baton::core
