// SPDX-License-Identifier: MIT
#include "text/hashed_embedding.h"
#include "util/rng.h"

#include <cctype>
#include <cmath>
#include <string>

namespace baton::core {

std::vector<float> hashedEmbedding(std::string_view text, int dims) {
    std::vector<float> v(static_cast<size_t>(dims), 0.0f);
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        uint64_t h = hashParts({word});
        v[h % static_cast<uint64_t>(dims)] += (h >> 63) ? -1.0f : 1.0f;
        word.clear();
    };
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else
            flush();
    }
    flush();
    double norm = 0;
    for (float x : v)
        norm += double(x) * x;
    if (norm > 0)
        for (float& x : v)
            x = static_cast<float>(x / std::sqrt(norm));
    return v;
}

} // namespace baton::core
