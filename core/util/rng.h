// SPDX-License-Identifier: MIT
#pragma once
/// Deterministic randomness: SplitMix64 streams seeded from a hash of named parts, so that the
/// same (seed, model, item, attempt) always draws the same numbers on every platform.

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace baton::core {

/// FNV-1a over the parts with a separator, so ("ab","c") and ("a","bc") differ.
uint64_t hashParts(std::initializer_list<std::string_view> parts);

class Rng {
public:
    explicit Rng(uint64_t seed) : m_state(seed) {}
    uint64_t next();
    double uniform();                        ///< in [0, 1)
    int64_t between(int64_t lo, int64_t hi); ///< inclusive
    double normal(double mean, double sd);   ///< Box-Muller
    /// Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang's squeeze).
    double gamma(double shape);
    /// Binomial(n, p), exactly: for large n Knuth's recursion on a Beta-distributed order
    /// statistic (TAOCP 3.4.1), which halves n each step, then n Bernoulli trials. O(log n) draws.
    int64_t binomial(int64_t n, double p);
    bool chance(double p) { return uniform() < p; }

private:
    uint64_t m_state;
};

} // namespace baton::core
