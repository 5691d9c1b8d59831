// SPDX-License-Identifier: MIT
#include "sim/demo_tasks.h"
#include "sim/demo_questions.h"
#include "util/rng.h"

#include <cstdio>

namespace baton::core {
namespace {

const char* const kAnswerInstruction = "\n\nEnd your reply with a line of the form: The answer is <answer>.";

TaskItem makeItem(const char* prefix, int index, const char* category, const DemoQuestion& q) {
    char id[32];
    std::snprintf(id, sizeof id, "%s-%03d", prefix, index + 1);
    TaskItem item;
    item.id = id;
    item.category = category;
    item.messages.push_back({"user", q.prompt + kAnswerInstruction});
    item.references = {q.answer};
    GraderSpec grader;
    grader.kind = q.grader;
    item.grader = grader;
    item.metadata = q.metadata;
    return item;
}

} // namespace

TaskSet generateDemoTasks(uint64_t seed, int perCategory) {
    struct Generator {
        const char* prefix;
        DemoQuestion (*make)(Rng&);
    };
    const Generator generators[] = {{"arith", arithmeticQuestion},  {"word", wordProblem},
                                    {"mc", multipleChoiceQuestion}, {"extract", extractionQuestion},
                                    {"code", codeOutputQuestion},   {"lookup", longContextQuestion}};
    TaskSet set;
    set.name = "demo";
    for (size_t g = 0; g < std::size(generators); ++g) {
        Rng rng(hashParts({"demo-tasks", std::to_string(seed), kDemoCategories[g]}));
        for (int i = 0; i < perCategory; ++i)
            set.items.push_back(makeItem(generators[g].prefix, i, kDemoCategories[g], generators[g].make(rng)));
    }
    return set;
}

} // namespace baton::core
