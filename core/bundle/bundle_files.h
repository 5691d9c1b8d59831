// SPDX-License-Identifier: MIT
#pragma once
/// What a run bundle holds, read back into core values (shared by verify and import).
/// Errors: BadInput naming the file and line that cannot be read.

#include "bundle/zip_archive.h"
#include "model/call.h"
#include "model/run.h"
#include "model/task_set.h"

#include <string>
#include <vector>

namespace baton::core {

namespace bundle_file {
inline constexpr const char* kManifest = "manifest.json";
inline constexpr const char* kRun = "run.json";
inline constexpr const char* kPool = "pool.json";
inline constexpr const char* kPrices = "prices.json";
inline constexpr const char* kTaskSet = "task_set.json";
inline constexpr const char* kTasks = "tasks.jsonl";
inline constexpr const char* kCalls = "calls.jsonl";
inline constexpr const char* kOutcomes = "outcomes.jsonl";
inline constexpr const char* kReportJson = "report.json";
inline constexpr const char* kReportText = "report.txt";
} // namespace bundle_file

struct BundledCall {
    Call call;
    std::string request, response; ///< the texts behind requestHash / responseHash
    int line = 0;                   ///< in calls.jsonl
};

struct BundleContents {
    Run run;
    TaskSet tasks;
    std::vector<BundledCall> calls;
    std::vector<Outcome> outcomes;
};

Result<BundleContents> readBundleContents(const ZipEntries& files);

/// "call 12 (item q7, strategy mixture, node 1.2, attempt 1)"
std::string describeCall(const BundledCall& call);

} // namespace baton::core
