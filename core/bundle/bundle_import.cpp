// SPDX-License-Identifier: MIT
// importRunBundle: a verified bundle becomes a run of the workspace (a new id, the same records).

#include "bundle/bundle_files.h"
#include "bundle/run_bundle.h"
#include "store/call_log.h"
#include "store/call_texts.h"
#include "store/run_store.h"
#include "store/task_set_store.h"
#include "util/sha256.h"

#include <chrono>

namespace baton::core {

Result<ImportedBundle> importRunBundle(SqliteDb& db, const ZipEntries& files, const BundleProgress& progress) {
    auto check = verifyRunBundle(files, progress.slice(0, 500));
    if (!check) return std::unexpected(check.error());
    if (!check->ok()) {
        std::vector<Diagnostic> problems;
        for (const auto& d : check->differences)
            problems.push_back({Severity::Error, "", "", d});
        return fail(ErrorKind::BadInput,
                    "the bundle does not verify (" + std::to_string(check->differences.size()) +
                        " differences); nothing was imported. `baton-cli bundle verify` lists them",
                    std::move(problems));
    }
    // The manifest names every file by its SHA-256, so its own hash names the bundle: the same
    // bundle imported again would be a second copy of one run.
    std::string identity = sha256Hex(files.at(bundle_file::kManifest));
    auto earlier = findRunImportedFrom(db, identity);
    if (!earlier) return std::unexpected(earlier.error());
    if (*earlier) return ImportedBundle{**earlier, true};
    auto contents = readBundleContents(files);
    if (!contents) return std::unexpected(contents.error());
    int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    // The pool snapshot came with the bundle, not from this user: resumeRun refuses such a run, since
    // resuming would send the user's keys to whatever endpoints the bundle names.
    if (!contents->run.settings.is_object()) contents->run.settings = nlohmann::json::object();
    contents->run.settings[kImportedFromBundle] = identity;
    auto saved = saveTaskSet(db, contents->tasks, "bundle of run " + std::to_string(contents->run.id), now);
    if (!saved) return std::unexpected(saved.error());
    auto runId = insertRun(db, contents->run);
    if (!runId) return std::unexpected(runId.error());
    if (!contents->run.stopReason.empty())
        if (auto s = recordStopReason(db, *runId, contents->run.stopReason); !s) return std::unexpected(s.error());
    BundleProgress storing = progress.slice(500, 1000);
    int64_t done = 0, total = int64_t(contents->calls.size()) + 1;
    for (auto& c : contents->calls) {
        if (storing.stopped()) return std::unexpected(bundleCancelled());
        storing.step(done++, total);
        if (!c.call.requestHash.empty())
            if (auto put = putCallText(db, c.request); !put) return std::unexpected(put.error());
        if (!c.call.responseHash.empty())
            if (auto put = putCallText(db, c.response); !put) return std::unexpected(put.error());
        c.call.runId = *runId;
        if (auto s = insertCall(db, c.call); !s) return std::unexpected(s.error());
    }
    for (auto& o : contents->outcomes) {
        o.runId = *runId;
        if (auto s = insertOutcome(db, o); !s) return std::unexpected(s.error());
    }
    if (storing.stopped()) return std::unexpected(bundleCancelled());
    storing.step(total, total);
    return ImportedBundle{*runId, false};
}

} // namespace baton::core
