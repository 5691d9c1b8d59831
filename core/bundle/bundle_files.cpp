// SPDX-License-Identifier: MIT
#include "bundle/bundle_files.h"

#include "io/task_import.h"
#include "util/json_reader.h"
#include "util/json_text.h"

namespace baton::core {

namespace {

Result<nlohmann::json> parseJsonFile(const ZipEntries& files, const std::string& name) {
    auto it = files.find(name);
    if (it == files.end()) return fail(ErrorKind::BadInput, "the bundle has no " + name + "; it is not a complete Baton run bundle");
    return parseJsonText(it->second, name);
}

template <class Fn> Status forEachLine(const ZipEntries& files, const std::string& name, Fn fn) {
    auto it = files.find(name);
    if (it == files.end()) return fail(ErrorKind::BadInput, "the bundle has no " + name);
    size_t start = 0;
    int line = 0;
    const std::string& text = it->second;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        ++line;
        std::string_view row(text.data() + start, end - start);
        start = end + 1;
        if (row.empty()) continue;
        auto parsed = parseJsonText(row, name + ":" + std::to_string(line));
        if (!parsed) return std::unexpected(parsed.error());
        try {
            fn(*parsed, line);
        } catch (const std::exception& e) {
            return fail(ErrorKind::BadInput, name + ":" + std::to_string(line) + ": cannot be read: " + e.what());
        }
    }
    return {};
}

} // namespace

Result<BundleContents> readBundleContents(const ZipEntries& files) {
    BundleContents contents;
    auto run = parseJsonFile(files, bundle_file::kRun);
    if (!run) return std::unexpected(run.error());
    try {
        contents.run = run->get<Run>();
    } catch (const std::exception& e) {
        return fail(ErrorKind::BadInput, std::string("run.json in the bundle is not a Baton run: ") + e.what());
    }

    auto taskSet = parseJsonFile(files, bundle_file::kTaskSet);
    if (!taskSet) return std::unexpected(taskSet.error());
    ImportOptions options;
    options.format = TaskFormat::Jsonl;
    options.name = taskSet->value("name", "bundle");
    if (taskSet->contains("default_grader")) {
        JsonReader reader(bundle_file::kTaskSet);
        options.defaultGrader = readGraderSpec(reader, (*taskSet)["default_grader"], "/default_grader");
        if (!reader.ok()) return fail(ErrorKind::BadInput, "task_set.json: the default grader cannot be read", reader.diagnostics());
    }
    auto tasksText = files.find(bundle_file::kTasks);
    if (tasksText == files.end()) return fail(ErrorKind::BadInput, "the bundle has no tasks.jsonl");
    auto tasks = parseTasks(tasksText->second, bundle_file::kTasks, options);
    if (!tasks) return std::unexpected(tasks.error());
    contents.tasks = std::move(tasks->set);

    auto calls = forEachLine(files, bundle_file::kCalls, [&](const nlohmann::json& j, int line) {
        BundledCall call{j.get<Call>(), j.value("request", ""), j.value("response", ""), line};
        contents.calls.push_back(std::move(call));
    });
    if (!calls) return std::unexpected(calls.error());
    auto outcomes = forEachLine(files, bundle_file::kOutcomes,
                                [&](const nlohmann::json& j, int) { contents.outcomes.push_back(j.get<Outcome>()); });
    if (!outcomes) return std::unexpected(outcomes.error());
    return contents;
}

std::string describeCall(const BundledCall& c) {
    return "call on line " + std::to_string(c.line) + " of calls.jsonl (item " + c.call.itemId + ", strategy " +
           c.call.strategy + ", node " + c.call.nodeId + ", attempt " + std::to_string(c.call.attempt) + ")";
}

} // namespace baton::core
