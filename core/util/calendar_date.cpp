// SPDX-License-Identifier: MIT
#include "util/calendar_date.h"

#include <cstdio>

namespace baton::core {

std::string isoDate(std::chrono::sys_days day) {
    std::chrono::year_month_day d{day};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()), unsigned(d.day()));
    return text;
}

std::string todayIso() {
    return isoDate(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

} // namespace baton::core
