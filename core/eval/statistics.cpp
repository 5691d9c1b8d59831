// SPDX-License-Identifier: MIT
#include "eval/statistics.h"
#include "util/rng.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace baton::core {

Interval wilsonInterval(int64_t successes, int64_t n) {
    if (n <= 0) return {0, 0};
    const double z = 1.959963984540054;
    double p = double(successes) / double(n), z2 = z * z, dn = double(n);
    double centre = (p + z2 / (2 * dn)) / (1 + z2 / dn);
    double half = z * std::sqrt(p * (1 - p) / dn + z2 / (4 * dn * dn)) / (1 + z2 / dn);
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double mcnemarExactP(int64_t b, int64_t c) {
    int64_t n = b + c;
    if (n == 0) return 1.0;
    int64_t k = std::min(b, c);
    // Sum of the binomial(n, 1/2) tail in log space, so large n does not overflow.
    double tail = 0;
    for (int64_t i = 0; i <= k; ++i)
        tail += std::exp(std::lgamma(double(n) + 1) - std::lgamma(double(i) + 1) - std::lgamma(double(n - i) + 1) -
                         double(n) * std::log(2.0));
    return std::min(1.0, 2 * tail);
}

PairedDelta pairedBootstrap(const std::vector<double>& a, const std::vector<double>& b, int resamples, uint64_t seed) {
    PairedDelta out;
    size_t n = std::min(a.size(), b.size());
    if (n == 0) return out;
    std::vector<double> diff(n);
    double sum = 0;
    for (size_t i = 0; i < n; ++i)
        sum += diff[i] = a[i] - b[i];
    out.delta = sum / double(n);
    Rng rng(hashParts({"paired-bootstrap", std::to_string(seed)}));
    std::vector<double> means(size_t(std::max(resamples, 1)));
    // A resample's mean depends only on how often each distinct difference is drawn. On many
    // items with few distinct differences (right/wrong grades give -1, 0, 1) the counts are
    // drawn directly, a multinomial as a chain of binomials: the same distribution as drawing n
    // items, in O(distinct values x log n) instead of O(n) per resample (1M-call reports have
    // tens of thousands of items per comparison). Small sets draw items as they always did.
    std::map<double, int64_t> counts;
    if (n >= kCountedBootstrapItems) {
        for (double d : diff)
            if (++counts[d], counts.size() * kCountedBootstrapItemsPerValue > n) break;
    }
    if (n >= kCountedBootstrapItems && counts.size() * kCountedBootstrapItemsPerValue <= n) {
        std::vector<std::pair<double, double>> values; // difference, share of the items
        for (const auto& [d, c] : counts)
            values.push_back({d, double(c) / double(n)});
        for (auto& m : means) {
            double s = 0, left = 1;
            int64_t remaining = int64_t(n);
            for (size_t v = 0; v + 1 < values.size() && remaining > 0; ++v) {
                int64_t drawn = rng.binomial(remaining, std::min(1.0, values[v].second / left));
                s += values[v].first * double(drawn);
                remaining -= drawn;
                left -= values[v].second;
            }
            s += values.back().first * double(remaining);
            m = s / double(n);
        }
    } else {
        for (auto& m : means) {
            double s = 0;
            for (size_t i = 0; i < n; ++i)
                s += diff[size_t(rng.between(0, int64_t(n) - 1))];
            m = s / double(n);
        }
    }
    out.ci = {percentile(means, 2.5), percentile(means, 97.5)};
    return out;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return percentileOfSorted(values, p);
}

double percentileOfSorted(const std::vector<double>& values, double p) {
    if (values.empty()) return 0;
    double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
    size_t lo = size_t(std::floor(rank)), hi = size_t(std::ceil(rank));
    return values[lo] + (values[hi] - values[lo]) * (rank - double(lo));
}

} // namespace baton::core
