// SPDX-License-Identifier: MIT
// The learned router's speed on a synthetic outcome matrix with prompts: inference per item for a
// router over --infer-models models with hashed TF-IDF features (vectorise the prompt, P(correct)
// of every model, the argmax of P - lambda x cost), training on --items x --models (logistic
// regression through liblinear, and matrix factorisation), and in the same run kNN's time: its
// index over the same training prompts and its brute-force neighbours per item. Prints one JSON
// object; asserts nothing (bench/run_all.sh puts the figures side by side). Times are CPU time.
//
//   baton_router_bench [--items 100000] [--models 10] [--infer-models 20] [--queries 10000]

#include "learn/router_training.h"
#include "text/tfidf_index.h"
#include "util/rng.h"

#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace baton::core;

namespace {

/// This process's CPU seconds (user + system): on a shared machine, wall time measures the neighbours.
struct Clock {
    using time_point = double;
    static double now() {
        timespec t{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
    }
};

double secondsSince(double t) {
    return Clock::now() - t;
}

/// Prompts of 30 words from a 5,000-word vocabulary plus a category word; a model's chance of being
/// right depends on its rank, the category and whether the prompt has a "hard" word.
OutcomeMatrix synthetic(size_t items, size_t models, uint64_t seed) {
    OutcomeMatrix m;
    Rng rng(seed);
    for (size_t k = 0; k < models; ++k)
        m.models.push_back("model-" + std::to_string(k));
    for (int c = 0; c < 14; ++c)
        m.categories.push_back("category-" + std::to_string(c));
    std::vector<bool> hard(items);
    for (size_t i = 0; i < items; ++i) {
        m.itemIds.push_back("item-" + std::to_string(i));
        m.itemCategory.push_back(uint32_t(i % 14));
        std::string prompt = "topic" + std::to_string(i % 14);
        for (int w = 0; w < 30; ++w) {
            int64_t word = rng.between(0, 4999);
            hard[i] = hard[i] || word < 250;
            prompt += " w" + std::to_string(word);
        }
        m.prompts.push_back(std::move(prompt));
    }
    size_t cells = items * models;
    m.grade.resize(cells), m.costUsd.resize(cells);
    m.latencyMs.assign(cells, OutcomeMatrix::kMissing), m.inputTokens.assign(cells, -1), m.outputTokens.assign(cells, -1);
    for (size_t k = 0; k < models; ++k)
        for (size_t i = 0; i < items; ++i) {
            double skill = 0.35 + 0.5 * double(k) / double(models) + ((i % 14) % 3 == k % 3 ? 0.1 : 0) -
                           (hard[i] ? 0.25 : 0);
            m.grade[m.cell(i, k)] = rng.chance(skill) ? 1.f : 0.f;
            m.costUsd[m.cell(i, k)] = 0.0001 * double(k + 1);
        }
    return m;
}

std::vector<size_t> range(size_t from, size_t to) {
    std::vector<size_t> out;
    for (size_t i = from; i < to; ++i)
        out.push_back(i);
    return out;
}

} // namespace

int main(int argc, char** argv) {
    size_t items = 100000, models = 10, inferModels = 20, queries = 10000, knnQueries = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        size_t v = std::strtoull(argv[i + 1], nullptr, 10);
        if (a == "--items") items = v;
        else if (a == "--models") models = v;
        else if (a == "--infer-models") inferModels = v;
        else if (a == "--queries") queries = v, knnQueries = std::max<size_t>(1, v / 50);
        else {
            std::fprintf(stderr, "usage: %s [--items N] [--models M] [--infer-models M] [--queries N]\n", argv[0]);
            return 2;
        }
    }
    size_t validation = std::max<size_t>(items / 10, 2);

    // Training: items x models, 90% train, 10% validation (Platt).
    OutcomeMatrix m = synthetic(items, models, 1);
    auto train = range(0, items - validation), calibrate = range(items - validation, items);
    RouterTrainOptions lr;
    auto t = Clock::now();
    auto router = trainRouter(m, train, calibrate, lr);
    double trainLogistic = secondsSince(t);
    RouterTrainOptions mf = lr;
    mf.learner = "mf";
    t = Clock::now();
    auto factorised = trainRouter(m, train, calibrate, mf);
    double trainMf = secondsSince(t);
    if (!router || !factorised) {
        std::fprintf(stderr, "training failed: %s\n", (router ? factorised.error() : router.error()).message.c_str());
        return 1;
    }
    std::vector<std::string> trainPrompts;
    for (size_t i : train)
        trainPrompts.push_back(m.prompts[i]);
    t = Clock::now();
    TfidfIndex index(trainPrompts);
    double knnBuild = secondsSince(t);

    // Inference: a router over inferModels models (trained on a smaller matrix: the cost of a
    // decision depends on the models and the features, not on how many items trained it).
    OutcomeMatrix wide = synthetic(std::min<size_t>(items, 5000), inferModels, 2);
    auto wideRouter = trainRouter(wide, range(0, wide.itemCount() * 9 / 10),
                                  range(wide.itemCount() * 9 / 10, wide.itemCount()), lr);
    if (!wideRouter) return std::fprintf(stderr, "%s\n", wideRouter.error().message.c_str()), 1;
    OutcomeMatrix fresh = synthetic(queries, 1, 3);
    size_t checksum = 0;
    t = Clock::now();
    for (size_t i = 0; i < queries; ++i) {
        SparseVector x = wideRouter->features.vectorize(fresh.prompts[i], fresh.categoryOf(i));
        checksum += wideRouter->choose(x, fresh.categoryOf(i), 100.0).model;
    }
    double inferUs = secondsSince(t) * 1e6 / double(queries);
    t = Clock::now();
    for (size_t i = 0; i < knnQueries; ++i)
        checksum += index.nearest(fresh.prompts[i % queries], 10, [](size_t) { return false; }).size();
    double knnUs = secondsSince(t) * 1e6 / double(knnQueries);

    std::printf("{\"items\": %zu, \"models\": %zu, \"infer_models\": %zu, \"queries\": %zu, "
                "\"router_infer_us_per_item\": %.3f, \"knn_infer_us_per_item\": %.3f, \"knn_index_items\": %zu, "
                "\"train_logistic_s\": %.3f, \"train_mf_s\": %.3f, \"knn_index_s\": %.3f, \"checksum\": %zu}\n",
                items, models, inferModels, queries, inferUs, knnUs, index.size(), trainLogistic, trainMf, knnBuild,
                checksum);
    return 0;
}
