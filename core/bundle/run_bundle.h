// SPDX-License-Identifier: MIT
#pragma once
/// Reproducible run bundles: one zip holding everything a run's figures come from (the pool
/// snapshot, the task set, the price book as used, every call with its request and response
/// text, the outcomes), the report and its charts as SVG, and a manifest with the SHA-256 of each
/// file. verifyRunBundle recomputes every figure from the bundle alone (no workspace, no network)
/// and names each difference. Keys never enter a bundle: the run's records hold none, and the
/// export refuses a bundle in which a secret-shaped value is found.

#include "bundle/bundle_progress.h"
#include "bundle/zip_archive.h"
#include "store/sqlite_db.h"

#include <string>
#include <vector>

namespace baton::core {

inline constexpr const char* kBundleFormat = "baton-run-bundle";
inline constexpr int kBundleVersion = 1;

/// Builds the bundle's files from a workspace. Errors: NotFound for the run; BadInput when a
/// secret-shaped value would enter the bundle (named by file, never echoed); bundleCancelled().
/// Progress: per call read.
Result<ZipEntries> buildRunBundle(SqliteDb& db, int64_t runId, const std::string& batonVersion,
                                  const BundleProgress& progress = {});

struct BundleCheck {
    int filesChecked = 0, callsChecked = 0, outcomesChecked = 0, figuresChecked = 0, chartsChecked = 0;
    std::vector<std::string> differences; ///< each names the file, call, outcome or figure that differs
    bool ok() const { return differences.empty(); }
};

/// Recomputes every file's SHA-256, every text's content address, every outcome's grade and cost,
/// the report and its charts from `files`. Errors only for a bundle it cannot read at all
/// (no manifest, unknown format) and bundleCancelled(); every mismatch is a difference, not an error.
/// Progress: per file, call and outcome checked.
Result<BundleCheck> verifyRunBundle(const ZipEntries& files, const BundleProgress& progress = {});

struct ImportedBundle {
    int64_t runId = 0;
    bool alreadyThere = false; ///< the workspace had imported this bundle before, as runId: nothing added
};

/// Imports a bundle into a workspace (task set, texts, run, calls, outcomes) as a new run, unless
/// the workspace imported the same bundle (the same manifest) before. The run's settings get
/// kImportedFromBundle (the bundle's identity), and resumeRun refuses it. Call inside a StoreWriter
/// operation (a stopped or failed import then leaves no row). Errors: BadInput when the bundle does not verify;
/// bundleCancelled(). Progress: the verification, then per call stored.
Result<ImportedBundle> importRunBundle(SqliteDb& db, const ZipEntries& files, const BundleProgress& progress = {});

} // namespace baton::core
