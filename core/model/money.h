#pragma once
/// Money: an exact amount in pico-units of the price book's currency (1e-12 USD), so that sums
/// and budget comparisons never drift the way floating-point dollars do.

#include <cmath>
#include <compare>
#include <cstdint>
#include <string>

namespace baton::core {

struct Money {
    int64_t pico = 0;

    static Money fromUsd(double usd) { return Money{static_cast<int64_t>(std::llround(usd * 1e12))}; }
    /// Price per million tokens -> money per token: $1/Mtok is 1e6 pico per token, exactly.
    static Money perTokenFromPerMillion(double perMillion) {
        return Money{static_cast<int64_t>(std::llround(perMillion * 1e6))};
    }
    double usd() const { return static_cast<double>(pico) / 1e12; }

    Money operator+(Money o) const { return {pico + o.pico}; }
    Money operator-(Money o) const { return {pico - o.pico}; }
    Money operator*(int64_t n) const { return {pico * n}; }
    Money& operator+=(Money o) {
        pico += o.pico;
        return *this;
    }
    auto operator<=>(const Money&) const = default;
};

/// "$0.001234" with enough digits to show sub-cent call costs.
std::string formatUsd(Money amount);

} // namespace baton::core
