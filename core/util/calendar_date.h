// SPDX-License-Identifier: MIT
#pragma once
/// Calendar dates as price books and deprecation notices write them ("YYYY-MM-DD"), in UTC: the
/// one "today" the CLI and the workbench judge price age and end of life by, so that they agree
/// near midnight whatever the local time zone. Never fails.

#include <chrono>
#include <string>

namespace baton::core {

/// `day` as "YYYY-MM-DD".
std::string isoDate(std::chrono::sys_days day);

/// Today's UTC date as "YYYY-MM-DD" (reads the system clock).
std::string todayIso();

} // namespace baton::core
