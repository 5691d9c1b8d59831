// SPDX-License-Identifier: MIT
#pragma once
// Lets QCOMPARE print core values (std::string, string vectors, core enums) when a comparison
// fails, through QTest::toString specialisations.

#include "model/call.h"
#include "model/grader_spec.h"
#include "model/model_spec.h"
#include "util/diagnostic.h"
#include "util/result.h"

#include <QTest>
#include <string>
#include <vector>

namespace QTest {

template <> inline char* toString(const std::string& s) {
    return qstrdup(("\"" + s + "\"").c_str());
}
template <> inline char* toString(const std::vector<std::string>& v) {
    std::string out = "[";
    for (const auto& s : v)
        out += (out.size() > 1 ? ", \"" : "\"") + s + "\"";
    return qstrdup((out + "]").c_str());
}
template <> inline char* toString(const baton::core::KeyRef::Kind& v) {
    return qstrdup(std::to_string(int(v)).c_str());
}
template <> inline char* toString(const baton::core::Severity& v) {
    return qstrdup(v == baton::core::Severity::Error ? "error" : "warning");
}
template <> inline char* toString(const baton::core::ErrorKind& v) {
    return qstrdup(std::to_string(int(v)).c_str());
}

} // namespace QTest
