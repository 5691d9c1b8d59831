// SPDX-License-Identifier: MIT
#pragma once
/// One generator per demo category; each returns a question with its computed gold answer.

#include "model/grader_spec.h"
#include "util/rng.h"

#include <string>

namespace baton::core {

struct DemoQuestion {
    std::string prompt;
    std::string answer;
    GraderKind grader = GraderKind::Numeric;
    nlohmann::json metadata = nlohmann::json::object();
};

DemoQuestion arithmeticQuestion(Rng& rng);
DemoQuestion wordProblem(Rng& rng); ///< multi-step
DemoQuestion multipleChoiceQuestion(Rng& rng);
DemoQuestion extractionQuestion(Rng& rng);
DemoQuestion codeOutputQuestion(Rng& rng);
DemoQuestion longContextQuestion(Rng& rng);

} // namespace baton::core
