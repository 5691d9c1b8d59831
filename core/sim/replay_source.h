// SPDX-License-Identifier: MIT
#pragma once
/// ReplaySource: recorded responses from an outcome matrix (long CSV or JSONL: item, model,
/// response, grade, input_tokens, output_tokens, cost), so that recorded real-model outcomes
/// can be served through the live path.

#include "util/result.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace baton::core {

struct ReplayRecord {
    std::string response;
    std::optional<double> grade;
    std::optional<int64_t> inputTokens;
    std::optional<int64_t> outputTokens;
    std::optional<double> costUsd;
};

class ReplaySource {
public:
    /// Errors: BadInput with every bad line, as for task imports.
    static Result<ReplaySource> load(const std::string& path);
    static Result<ReplaySource> parse(const std::string& text, const std::string& fileName);

    const ReplayRecord* find(const std::string& model, const std::string& itemId) const;
    std::vector<std::string> models() const;
    size_t size() const { return m_records.size(); }

private:
    std::map<std::pair<std::string, std::string>, ReplayRecord> m_records; ///< (model, item) -> record
};

} // namespace baton::core
