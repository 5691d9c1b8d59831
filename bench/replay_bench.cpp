// SPDX-License-Identifier: MIT
// Replay on a synthetic 1M-cell outcome matrix: routing decisions per second, a 100-point curve,
// a what-if recompute, the per-model aggregate, and a long-CSV import; with --csv it also writes
// the same cells as a long CSV so that bench/replay_vs_sqlite.sh can time sqlite3 on them.

#include "matrix/long_table_import.h"
#include "replay/constraint_price.h"
#include "replay/model_stats.h"
#include "replay/route_replay.h"
#include "util/file_io.h"
#include "util/rng.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

using namespace baton::core;
using Clock = std::chrono::steady_clock;

static double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

int main(int argc, char** argv) {
    size_t items = 100000, models = 10;
    std::string csv;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--items") items = std::strtoull(argv[i + 1], nullptr, 10);
        if (a == "--models") models = std::strtoull(argv[i + 1], nullptr, 10);
        if (a == "--csv") csv = argv[i + 1];
    }
    OutcomeMatrix m;
    Rng rng(42);
    for (size_t k = 0; k < models; ++k)
        m.models.push_back("model-" + std::to_string(k));
    m.categories = {"a", "b", "c", "d"};
    for (size_t i = 0; i < items; ++i)
        m.itemIds.push_back("item-" + std::to_string(i)), m.itemCategory.push_back(uint32_t(i % 4));
    size_t cells = items * models;
    m.grade.resize(cells), m.costUsd.resize(cells), m.latencyMs.resize(cells);
    m.inputTokens.assign(cells, -1), m.outputTokens.assign(cells, -1);
    m.scorerNames = {"judge"};
    m.scorers.assign(1, std::vector<float>(cells));
    for (size_t k = 0; k < models; ++k)
        for (size_t i = 0; i < items; ++i) {
            size_t c = m.cell(i, k);
            double skill = 0.4 + 0.5 * double(k) / double(models);
            m.grade[c] = rng.chance(skill) ? 1.f : 0.f;
            m.costUsd[c] = 0.0001 * double(k + 1) * (1 + rng.uniform());
            m.latencyMs[c] = float(100 + 50 * k);
            m.scorers[0][c] = float(m.grade[c] > 0 ? 0.5 + 0.5 * rng.uniform() : 0.6 * rng.uniform());
        }
    std::vector<size_t> all(items);
    for (size_t i = 0; i < items; ++i)
        all[i] = i;
    std::printf("synthetic matrix: %zu items x %zu models = %zu cells, %.0f bytes per cell\n", items, models, cells,
                m.bytesPerCell());

    // 100-point cascade curve over all models: every point routes every item (a decision each).
    CascadeSpec spec;
    for (size_t k = 0; k < models; ++k)
        spec.chain.push_back(k);
    auto t = Clock::now();
    auto curve = cascadeCurve(m, all, spec, std::nullopt, 100);
    double curveSeconds = secondsSince(t);
    std::printf("cascade curve, 100 points over %zu cells: %.3f s, %.1fM routing decisions/s (acc %.3f..%.3f)\n",
                cells, curveSeconds, 100.0 * double(items) / curveSeconds / 1e6, curve.front().accuracy,
                curve.back().accuracy);

    std::vector<uint16_t> choice(items);
    for (auto& c : choice)
        c = uint16_t(rng.between(0, int64_t(models) - 1));
    t = Clock::now();
    double sink = 0;
    for (int r = 0; r < 20; ++r)
        sink += scoreRoutes(m, all, choice).accuracy;
    double scoreSeconds = secondsSince(t) / 20;
    std::printf("scoring one routing of %zu items: %.4f s, %.1fM decisions/s (%.3f)\n", items, scoreSeconds,
                double(items) / scoreSeconds / 1e6, sink / 20);

    std::vector<size_t> kept;
    for (size_t k = 0; k < models; k += 2)
        kept.push_back(k);
    t = Clock::now();
    auto price = priceOfConstraint(m, all, kept, 0);
    std::printf("what-if recompute (frontier of %zu of %zu models, accuracy lost %.4f): %.4f s\n", kept.size(), models,
                price ? price->accuracyLost : -1.0, secondsSince(t));

    t = Clock::now();
    auto stats = modelStats(m);
    std::printf("per-model aggregate (accuracy, CI, cost, p50 latency) over %zu cells: %.4f s (%s %.4f)\n", cells,
                secondsSince(t), stats.back().model.c_str(), stats.back().accuracy);

    if (!csv.empty()) {
        std::ofstream out(csv);
        out << "item,model,grade,cost_usd,latency_ms\n";
        char line[128];
        for (size_t i = 0; i < items; ++i)
            for (size_t k = 0; k < models; ++k) {
                size_t c = m.cell(i, k);
                std::snprintf(line, sizeof line, "item-%zu,model-%zu,%g,%.9g,%g\n", i, k, double(m.grade[c]),
                              m.costUsd[c], double(m.latencyMs[c]));
                out << line;
            }
        out.close();
        t = Clock::now();
        auto text = readTextFile(csv);
        auto imported = text ? importLongCsv(*text, csv, LongColumns{}) : std::unexpected(text.error());
        std::printf("baton long-CSV import of %zu rows: %.3f s (%s)\n", cells, secondsSince(t),
                    imported ? "ok" : imported.error().message.c_str());
    }
    return 0;
}
