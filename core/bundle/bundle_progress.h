// SPDX-License-Identifier: MIT
#pragma once
/// How bundle work (export, zip writing and reading, verify, import) says how far it is and is
/// stopped: `report(done, total)` after its steps (a file, a call, an outcome), at most once per
/// percent; `stop` is checked between steps, and a stopped function returns bundleCancelled()
/// having left nothing behind (no zip at the target, no half-written .part, no imported row: an
/// import runs inside one StoreWriter operation, which rolls back alone).

#include "util/result.h"

#include <functional>
#include <stop_token>

namespace baton::core {

struct BundleProgress {
    BundleProgress() = default;
    BundleProgress(std::function<void(int done, int total)> r, std::stop_token s)
        : report(std::move(r)), stop(std::move(s)) {}

    std::function<void(int done, int total)> report;
    std::stop_token stop;

    bool stopped() const { return stop.stop_requested(); }
    /// Reports `done` of `total` when the percentage changed since the last report (and at the end).
    void step(int64_t done, int64_t total) const {
        if (!report || total <= 0) return;
        int percent = int(done * 100 / total);
        if (percent == m_lastPercent && done != total) return;
        m_lastPercent = percent;
        report(int(done * 1000 / total), 1000);
    }
    /// The same work as a slice [from, to) of 1000 of a larger job (export = build then write).
    BundleProgress slice(int from, int to) const {
        if (!report) return BundleProgress({}, stop);
        return BundleProgress(
            [whole = report, from, to](int done, int total) {
                whole(from + int(int64_t(done) * (to - from) / (total > 0 ? total : 1)), 1000);
            },
            stop);
    }

private:
    mutable int m_lastPercent = -1;
};

/// The error a stopped bundle function returns.
inline Error bundleCancelled() {
    Error e;
    e.kind = ErrorKind::Io;
    e.message = "cancelled; nothing was written";
    return e;
}
inline bool isBundleCancelled(const Error& e) {
    return e.kind == ErrorKind::Io && e.message == "cancelled; nothing was written";
}

} // namespace baton::core
