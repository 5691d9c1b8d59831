// SPDX-License-Identifier: MIT
#pragma once
// An outcome matrix worked out by hand: 2 x perCategory items alternating "geo" and "math".
// cheap ($0.001) is right on geo only, mid ($0.01) on math only, strong ($0.1) on both. On any
// split stratified by category: cheap 0.5, mid 0.5, strong 1.0; a router that reads the category
// (and the oracle) is right everywhere for (0.001 + 0.01) / 2 = $0.0055 per item.

#include "matrix/matrix_builder.h"

#include <functional>
#include <string>

namespace baton::test {

/// `prompt(i, geo)` is item i's prompt text.
inline core::OutcomeMatrix handWorkedMatrix(const std::string& name, int perCategory,
                                            const std::function<std::string(int, bool)>& prompt) {
    core::MatrixBuilder b(name);
    size_t cheap = b.model("cheap"), mid = b.model("mid"), strong = b.model("strong");
    size_t line = 0;
    auto cell = [](double grade, double cost) {
        core::CellInput c;
        c.grade = grade, c.costUsd = cost;
        return c;
    };
    for (int i = 0; i < 2 * perCategory; ++i) {
        bool geo = i % 2 == 0;
        size_t item = b.item("q" + std::to_string(i), geo ? "geo" : "math", prompt(i, geo));
        b.add(item, cheap, cell(geo ? 1 : 0, 0.001), ++line);
        b.add(item, mid, cell(geo ? 0 : 1, 0.01), ++line);
        b.add(item, strong, cell(1, 0.1), ++line);
    }
    core::MatrixProvenance p;
    p.format = "test";
    return b.finish(p).value();
}

} // namespace baton::test
