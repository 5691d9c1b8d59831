// SPDX-License-Identifier: MIT
#include "router_embedding_job.h"
#include "net/http_event_loop.h"
#include "pricing/price_book.h"
#include "store/sqlite_db.h"

#include <QCoreApplication>

namespace baton::ui {

core::Result<core::MatrixEmbeddings> embedMatrixForRouter(const RouterEmbeddingChoice& choice,
                                                          const core::OutcomeMatrix& matrix, std::stop_token stop,
                                                          std::function<void(int64_t, int64_t)> progress) {
    // Its own connection: the cache and the call log are written from this thread, not through
    // the session's writer, which would make the job wait on the GUI's other work.
    auto db = core::SqliteDb::open(choice.workspacePath, core::SqliteDb::Mode::ReadWrite);
    if (!db) return std::unexpected(db.error());
    core::HttpEventLoop loop;
    core::EmbeddingOptions options;
    options.purpose = choice.purpose;
    options.maxCost = choice.maxCost;
    options.stop = std::move(stop);
    options.progress = std::move(progress);
    return core::embedMatrixPrompts(loop, choice.model, choice.env, core::PriceBook::bundled(), db->get(), matrix,
                                    options);
}

QString describeEmbeddings(const core::MatrixEmbeddings& run) {
    const auto& s = run.stats;
    auto cost = s.cost();
    QString money = cost ? QStringLiteral("$%1").arg(cost->usd(), 0, 'f', 6)
                         : QCoreApplication::translate("RouterTrainPanel", "unknown (%1)")
                               .arg(QString::fromStdString(s.costUnknownReason));
    return QCoreApplication::translate("RouterTrainPanel",
                                       "%1 prompts by %2 (%3 dimensions): %4 embedding requests for %5 texts, %6 "
                                       "cached; cost %7")
        .arg(run.vectors->byPrompt.size())
        .arg(QString::fromStdString(run.vectors->model))
        .arg(s.dims)
        .arg(s.httpCalls)
        .arg(s.embeddedTexts)
        .arg(s.cachedTexts)
        .arg(money);
}

} // namespace baton::ui
