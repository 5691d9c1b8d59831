// SPDX-License-Identifier: MIT
#pragma once
/// The charts of a run report as SVG (cost vs accuracy with the frontier, accuracy per category),
/// named by the file they take in a bundle ("charts/cost_accuracy.svg"). Same report, same bytes.

#include "eval/run_report.h"

#include <map>
#include <string>

namespace baton::core {

std::map<std::string, std::string> reportChartsSvg(const RunReport& report);

} // namespace baton::core
