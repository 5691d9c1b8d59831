// SPDX-License-Identifier: MIT
#pragma once
/// NiceScale: axis ranges and tick steps an analyst reads at a glance (1, 2 or 5 times a power
/// of ten: 0/20/40, never 39/78/117). Pure; any finite inputs (low > high are swapped).

namespace baton::core {

struct NiceScale {
    double min = 0, max = 1, step = 0.2;
    int ticks() const; ///< ticks drawn from min to max inclusive
};

/// The smallest range of nice steps that holds [low, high], with at most `maxTicks` + 1 ticks.
NiceScale niceScale(double low, double high, int maxTicks = 5);
/// A nice step (1, 2 or 5 x 10^k) at least `rough`.
double niceStep(double rough);

} // namespace baton::core
