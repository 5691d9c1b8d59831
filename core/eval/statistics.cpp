// SPDX-License-Identifier: MIT
#include "eval/statistics.h"
#include "util/rng.h"

#include <algorithm>
#include <cmath>
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
    for (auto& m : means) {
        double s = 0;
        for (size_t i = 0; i < n; ++i)
            s += diff[size_t(rng.between(0, int64_t(n) - 1))];
        m = s / double(n);
    }
    out.ci = {percentile(means, 2.5), percentile(means, 97.5)};
    return out;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    double rank = std::clamp(p, 0.0, 100.0) / 100.0 * double(values.size() - 1);
    size_t lo = size_t(std::floor(rank)), hi = size_t(std::ceil(rank));
    return values[lo] + (values[hi] - values[lo]) * (rank - double(lo));
}

} // namespace baton::core
