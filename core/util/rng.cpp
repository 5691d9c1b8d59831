// SPDX-License-Identifier: MIT
#include "util/rng.h"

#include <cmath>

namespace baton::core {

uint64_t hashParts(std::initializer_list<std::string_view> parts) {
    uint64_t h = 1469598103934665603ull;
    for (auto part : parts) {
        for (unsigned char c : part)
            h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0x1f) * 1099511628211ull;
    }
    return h;
}

uint64_t Rng::next() {
    uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

double Rng::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

int64_t Rng::between(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
}

double Rng::normal(double mean, double sd) {
    double u1 = uniform(), u2 = uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

} // namespace baton::core
