// SPDX-License-Identifier: MIT
#include "util/nice_scale.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace baton::core {

int NiceScale::ticks() const {
    return step > 0 ? int(std::lround((max - min) / step)) + 1 : 1;
}

double niceStep(double rough) {
    if (!(rough > 0) || !std::isfinite(rough)) return 1;
    double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= rough * (1 - 1e-9)) return m * power;
    return 10 * power;
}

NiceScale niceScale(double low, double high, int maxTicks) {
    if (low > high) std::swap(low, high);
    maxTicks = std::max(1, maxTicks);
    if (high == low) high = low + (low == 0 ? 1 : std::abs(low) * 0.1);
    double step = niceStep((high - low) / maxTicks);
    for (;;) { // the rounded-out range may need one more step than the rough one
        NiceScale s{std::floor(low / step + 1e-9) * step, std::ceil(high / step - 1e-9) * step, step};
        if (s.ticks() <= maxTicks + 1) return s;
        step = niceStep(step * 1.0001);
    }
}

} // namespace baton::core
