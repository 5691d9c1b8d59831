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

double Rng::gamma(double shape) {
    const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = normal(0, 1), v = 1 + c * x;
        if (v <= 0) continue;
        v = v * v * v;
        double u = uniform();
        if (u < 1 - 0.0331 * x * x * x * x) return d * v;
        if (u > 0 && std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
    }
}

int64_t Rng::binomial(int64_t n, double p) {
    int64_t base = 0;
    while (n > 64 && p > 0 && p < 1) {
        // X, the a-th smallest of n uniforms, is Beta(a, n + 1 - a); the count below p is then
        // Binomial(a - 1, p / X) when X >= p, else a + Binomial(n - a, (p - X) / (1 - X)).
        int64_t a = 1 + n / 2, b = n + 1 - a;
        double ga = gamma(double(a)), gb = gamma(double(b));
        double x = ga / (ga + gb);
        if (x >= p) {
            n = a - 1;
            p = p / x;
        } else {
            base += a;
            n = b - 1;
            p = (p - x) / (1 - x);
        }
    }
    if (p <= 0) return base;
    if (p >= 1) return base + n;
    int64_t k = 0;
    for (int64_t i = 0; i < n; ++i)
        k += uniform() < p;
    return base + k;
}

} // namespace baton::core
