// SPDX-License-Identifier: MIT
#include "learn/router_training.h"
#include "learn/matrix_factorisation.h"

#include <cmath>

namespace baton::core {
namespace {

std::vector<double> meanCosts(const OutcomeMatrix& m, const std::vector<size_t>& items) {
    std::vector<double> out;
    for (size_t model = 0; model < m.modelCount(); ++model) {
        double sum = 0;
        size_t n = 0;
        bool unknown = false;
        for (size_t i : items) {
            if (!m.hasGrade(i, model)) continue;
            double c = m.costUsd[m.cell(i, model)];
            if (std::isnan(c)) unknown = true;
            sum += c, ++n;
        }
        out.push_back(unknown || n == 0 ? NAN : sum / double(n));
    }
    return out;
}

} // namespace

Result<RouterModel> trainRouter(const OutcomeMatrix& m, const std::vector<size_t>& train,
                                const std::vector<size_t>& validation, const RouterTrainOptions& options,
                                std::stop_token stop, const std::function<void(double)>& progress) {
    if (train.empty()) return fail(ErrorKind::BadInput, "no training items: the split left none");
    if (validation.empty()) return fail(ErrorKind::BadInput, "no validation items: the split left none");
    if (options.learner != "logistic" && options.learner != "mf")
        return fail(ErrorKind::BadInput, "unknown learner \"" + options.learner + "\"; expected logistic or mf");
    if (options.calibration != "platt" && options.calibration != "isotonic")
        return fail(ErrorKind::BadInput,
                    "unknown calibration \"" + options.calibration + "\"; expected platt or isotonic");
    auto prompt = [&](size_t i) { return m.prompts.empty() ? std::string() : m.prompts[i]; };

    RouterModel router;
    router.learner = options.learner;
    router.models = m.models;
    std::vector<std::string> trainPrompts;
    for (size_t i : train)
        trainPrompts.push_back(prompt(i));
    if (options.embeddings) {
        const auto& e = *options.embeddings;
        router.features = RouterFeatures::embeddings(e.embedder, e.model, e.dims, options.embeddings, m.categories);
        // Every item, not only the training ones: a test item without its vector would be
        // routed on its category alone, silently.
        for (size_t i = 0; i < m.itemCount(); ++i)
            if (!router.features.covers(prompt(i)))
                return fail(ErrorKind::BadInput, "item \"" + m.itemIds[i] + "\" has no embedding from " + e.embedder +
                                                     "; embed every prompt of the matrix before training");
    } else
        router.features = RouterFeatures(trainPrompts, m.categories, options.buckets);
    std::vector<SparseVector> trainX, validationX;
    for (size_t i : train)
        trainX.push_back(router.features.vectorize(prompt(i), m.categoryOf(i)));
    for (size_t i : validation)
        validationX.push_back(router.features.vectorize(prompt(i), m.categoryOf(i)));

    auto label = [&](size_t item, size_t model) { return m.grade[m.cell(item, model)] >= 0.5f ? 1 : 0; };
    for (size_t model = 0; model < m.modelCount(); ++model) {
        bool graded = false;
        for (size_t i : train)
            graded = graded || m.hasGrade(i, model);
        if (!graded) return fail(ErrorKind::BadInput, "model \"" + m.models[model] + "\" has no graded training item");
    }
    if (options.learner == "mf") {
        std::vector<std::vector<int>> labels(m.modelCount(), std::vector<int>(train.size(), -1));
        for (size_t model = 0; model < m.modelCount(); ++model)
            for (size_t k = 0; k < train.size(); ++k)
                if (m.hasGrade(train[k], model)) labels[model][k] = label(train[k], model);
        FactorisationOptions fo;
        fo.factors = options.factors, fo.c = options.c;
        router.perModel = trainFactorised(trainX, labels, router.features.dimension(), fo, stop);
        if (router.perModel.empty()) return fail(ErrorKind::BadInput, "cancelled");
    }
    for (size_t model = 0; model < m.modelCount(); ++model) {
        if (stop.stop_requested()) return fail(ErrorKind::BadInput, "cancelled");
        if (options.learner == "logistic") {
            std::vector<const SparseVector*> rows;
            std::vector<int> labels;
            for (size_t k = 0; k < train.size(); ++k)
                if (m.hasGrade(train[k], model)) rows.push_back(&trainX[k]), labels.push_back(label(train[k], model));
            router.perModel.push_back(trainLogistic(rows, labels, router.features.dimension(), options.c));
        }
        std::vector<double> logOdds;
        std::vector<int> validationLabels;
        for (size_t k = 0; k < validation.size(); ++k)
            if (m.hasGrade(validation[k], model)) {
                logOdds.push_back(router.perModel[model].score(validationX[k]));
                validationLabels.push_back(label(validation[k], model));
            }
        router.calibration.push_back(logOdds.empty() ? PlattScaling{} : fitPlatt(logOdds, validationLabels));
        if (options.calibration == "isotonic") router.isotonic.push_back(fitIsotonic(logOdds, validationLabels));
        if (progress) progress(double(model + 1) / double(m.modelCount()));
    }

    router.expectedCostUsd = meanCosts(m, train);
    for (size_t c = 0; c < m.categories.size(); ++c) {
        std::vector<size_t> inCategory;
        for (size_t i : train)
            if (m.itemCategory[i] == c) inCategory.push_back(i);
        if (!inCategory.empty()) router.categoryCostUsd[m.categories[c]] = meanCosts(m, inCategory);
    }
    return router;
}

} // namespace baton::core
