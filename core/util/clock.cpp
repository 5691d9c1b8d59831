// SPDX-License-Identifier: MIT
#include "util/clock.h"

#include <chrono>

namespace baton::core {

int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace baton::core
