// SPDX-License-Identifier: MIT
#pragma once
/// The statistics of honest comparisons: Wilson intervals for accuracy, the exact McNemar test
/// and a paired bootstrap interval for accuracy differences on the same items, percentiles.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace baton::core {

struct Interval {
    double low = 0, high = 0;
};

/// 95% Wilson score interval of successes/n (z = 1.96).
Interval wilsonInterval(int64_t successes, int64_t n);

/// Two-sided exact McNemar p-value from the discordant counts: b = only A right, c = only B right.
double mcnemarExactP(int64_t b, int64_t c);

struct PairedDelta {
    double delta = 0; ///< mean(a) - mean(b)
    Interval ci;      ///< 95% percentile interval from resampling items
};

/// From this many paired items on, with at most one distinct difference per
/// kCountedBootstrapItemsPerValue items, the bootstrap draws how often each difference is
/// drawn instead of drawing items (the same distribution, far fewer draws).
inline constexpr size_t kCountedBootstrapItems = 4096;
inline constexpr size_t kCountedBootstrapItemsPerValue = 64;
/// Paired bootstrap of mean(a - b) over items; deterministic for a seed.
PairedDelta pairedBootstrap(const std::vector<double>& a, const std::vector<double>& b, int resamples, uint64_t seed);

/// Linear-interpolated percentile (p in [0, 100]) of unsorted values; 0 for none.
double percentile(std::vector<double> values, double p);
/// The same of values already sorted (several percentiles of one set sort it once).
double percentileOfSorted(const std::vector<double>& sorted, double p);

} // namespace baton::core
