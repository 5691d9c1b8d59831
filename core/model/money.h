// SPDX-License-Identifier: MIT
#pragma once
/// Money: an exact amount in pico-units of the price book's currency (1e-12 USD), so that sums
/// and budget comparisons never drift the way floating-point dollars do.
/// Arithmetic saturates at the representable range (about +-$9.2M) instead of wrapping: a cost
/// too large to represent stays the largest amount, so a budget check still refuses it.

#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <string>

namespace baton::core {

/// Bounds checked where prices and caps enter (pool files, price book, --max-cost), so that
/// every product of a price and a token count stays far inside the range of Money.
inline constexpr double kMaxPricePerMillionUsd = 100000.0; ///< $100,000 per 1M tokens
inline constexpr double kMaxRequestFeeUsd = 1000.0;
inline constexpr double kMaxBudgetUsd = 1000000.0; ///< $1M, a run cap or a per-task budget

struct Money {
    int64_t pico = 0;

    static constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    static constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

    /// NaN is 0 only for callers that validated first; out-of-range values saturate.
    static Money fromUsd(double usd) { return fromScaled(usd * 1e12); }
    /// Price per million tokens -> money per token: $1/Mtok is 1e6 pico per token, exactly.
    static Money perTokenFromPerMillion(double perMillion) { return fromScaled(perMillion * 1e6); }
    static Money max() { return {kMax}; }
    double usd() const { return static_cast<double>(pico) / 1e12; }
    bool saturated() const { return pico == kMax || pico == kMin; }

    Money operator+(Money o) const {
        int64_t r;
        return {__builtin_add_overflow(pico, o.pico, &r) ? (o.pico > 0 ? kMax : kMin) : r};
    }
    Money operator-(Money o) const {
        int64_t r;
        return {__builtin_sub_overflow(pico, o.pico, &r) ? (o.pico < 0 ? kMax : kMin) : r};
    }
    Money operator*(int64_t n) const {
        int64_t r;
        return {__builtin_mul_overflow(pico, n, &r) ? ((pico < 0) != (n < 0) ? kMin : kMax) : r};
    }
    Money& operator+=(Money o) { return *this = *this + o; }
    auto operator<=>(const Money&) const = default;

private:
    static Money fromScaled(double scaled) {
        if (std::isnan(scaled)) return {0};
        // 2^63 as a double; llround of anything at or past it is undefined.
        if (scaled >= 9223372036854775807.0) return {kMax};
        if (scaled <= -9223372036854775807.0) return {kMin};
        return {static_cast<int64_t>(std::llround(scaled))};
    }
};

/// "$0.001234" with enough digits to show sub-cent call costs; a saturated amount reads
/// "more than $9223372.04".
std::string formatUsd(Money amount);

} // namespace baton::core
