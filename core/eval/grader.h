// SPDX-License-Identifier: MIT
#pragma once
/// grade: scores one answer against an item's references with its GraderSpec.

#include "model/grader_spec.h"

#include <string>
#include <vector>

namespace baton::core {

struct Grade {
    double score = 0;      ///< in [0, 1]
    std::string extracted; ///< what the grader read as the answer ("B", "1234.5"), for the inspector
    std::string note;      ///< why it failed to read one, when it did
};

/// The best score over all references. Never throws; an unreadable answer scores 0 with a note.
Grade grade(const GraderSpec& spec, const std::string& answer, const std::vector<std::string>& references);

} // namespace baton::core
