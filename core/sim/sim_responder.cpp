// SPDX-License-Identifier: MIT
#include "sim/sim_responder.h"
#include "model/token_estimate.h"
#include "prompts/role_prompts.h"
#include "sim/answer_writer.h"
#include "sim/role_behaviour.h"
#include "text/hashed_embedding.h"
#include "util/sha256.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace baton::core {
namespace {

using Json = nlohmann::json;

constexpr int64_t kCreatedBase = 1767225600; // 2026-01-01: fixed, so responses are reproducible

std::string hex(uint64_t v) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4)
        out[size_t(i)] = kHex[v & 0xf];
    return out;
}

SimHttpError notFound(const std::string& model) {
    return {404,
            "invalid_request_error",
            "model_not_found",
            "The model `" + model + "` does not exist or you do not have access to it.",
            "model",
            {}};
}

Json usageJson(const SimCompletion& c) {
    Json usage = {{"prompt_tokens", c.promptTokens},
                  {"completion_tokens", c.completionTokens},
                  {"total_tokens", c.promptTokens + c.completionTokens},
                  {"prompt_tokens_details", {{"cached_tokens", 0}}},
                  {"completion_tokens_details", {{"reasoning_tokens", 0}}}};
    if (c.billedCostUsd) usage["cost"] = *c.billedCostUsd;
    return usage;
}

} // namespace

std::string toString(SimFault fault) {
    switch (fault) {
    case SimFault::None:
        return "none";
    case SimFault::RateLimited:
        return "429";
    case SimFault::ServerError:
        return "500";
    case SimFault::Unavailable:
        return "503";
    case SimFault::Stall:
        return "stall";
    case SimFault::Drop:
        return "drop";
    case SimFault::Truncated:
        return "truncated";
    case SimFault::Malformed:
        return "malformed";
    case SimFault::MissingUsage:
        return "missing_usage";
    case SimFault::StreamError:
        return "stream_error";
    }
    return "none";
}

int64_t promptTokens(const std::vector<Message>& messages) {
    int64_t tokens = 3;
    for (const auto& m : messages)
        tokens += 4 + estimateTokens(m.content);
    return tokens;
}

SimResponder::SimResponder(SimProfile profile, TaskSet tasks, std::optional<ReplaySource> replay)
    : SimResponder(std::move(profile), std::make_shared<const TaskSet>(std::move(tasks)), std::move(replay)) {}

SimResponder::SimResponder(SimProfile profile, std::shared_ptr<const TaskSet> tasks, std::optional<ReplaySource> replay)
    : m_profile(std::move(profile)), m_index(std::move(tasks)), m_replay(std::move(replay)) {}

SimFault SimResponder::drawFault(const std::string& model, const std::string& body) {
    const SimFaults& f = m_profile.faults;
    if (f.total() <= 0) return SimFault::None;
    std::string key = sha256Hex(body);
    uint64_t head = 0;
    std::from_chars(key.data(), key.data() + 16, head, 16);
    std::lock_guard lock(m_mutex);
    uint32_t occurrence = m_seen.add(head);
    Rng rng(hashParts({std::to_string(m_profile.seed), "fault", model, key, std::to_string(occurrence)}));
    double u = rng.uniform();
    const std::pair<double, SimFault> order[] = {{f.rate429, SimFault::RateLimited},
                                                 {f.rate500, SimFault::ServerError},
                                                 {f.rate503, SimFault::Unavailable},
                                                 {f.rateStall, SimFault::Stall},
                                                 {f.rateDrop, SimFault::Drop},
                                                 {f.rateTruncated, SimFault::Truncated},
                                                 {f.rateMalformed, SimFault::Malformed},
                                                 {f.rateMissingUsage, SimFault::MissingUsage},
                                                 {f.rateStreamError, SimFault::StreamError}};
    for (auto [rate, fault] : order) {
        if (u < rate) {
            ++m_faultCounts[toString(fault)];
            return fault;
        }
        u -= rate;
    }
    return SimFault::None;
}

std::map<std::string, int64_t> SimResponder::faultCounts() const {
    std::lock_guard lock(m_mutex);
    return m_faultCounts;
}

SimHttpError SimResponder::faultError(SimFault fault) const {
    switch (fault) {
    case SimFault::RateLimited: {
        SimHttpError e{
            429, "rate_limit_error", "rate_limit_exceeded", "Rate limit reached (simulated). Please retry.", "", {}};
        double s = m_profile.faults.retryAfterSeconds;
        if (m_profile.faults.retryAfterMs)
            e.headers["retry-after-ms"] = std::to_string(int64_t(std::llround(s * 1000)));
        else
            e.headers["Retry-After"] = std::to_string(int64_t(std::ceil(s)));
        return e;
    }
    case SimFault::ServerError:
        return {500, "server_error", "", "The server had an error (simulated).", "", {}};
    default:
        return {503, "server_error", "", "The engine is currently overloaded (simulated).", "", {}};
    }
}

std::variant<SimCompletion, SimHttpError> SimResponder::complete(const ChatRequest& request) const {
    if (m_replay) {
        const TaskItem* item = m_index.find(request.lastUser());
        const ReplayRecord* record = item ? m_replay->find(request.model, item->id) : nullptr;
        if (record) return replay(request, *record);
        auto models = m_replay->models();
        if (std::find(models.begin(), models.end(), request.model) == models.end()) return notFound(request.model);
        return SimHttpError{404,
                            "invalid_request_error",
                            "no_recorded_response",
                            "Replay mode: no recorded response of `" + request.model + "` for this prompt.",
                            "messages",
                            {}};
    }
    const SimModel* model = m_profile.find(request.model);
    if (!model) return notFound(request.model);
    int64_t prompt = promptTokens(request.messages);
    if (prompt > model->contextWindow)
        return SimHttpError{400,
                            "invalid_request_error",
                            "context_length_exceeded",
                            "This model's maximum context length is " + std::to_string(model->contextWindow) +
                                " tokens. However, your messages resulted in " + std::to_string(prompt) + " tokens.",
                            "messages",
                            {}};
    return generate(*model, request);
}

SimCompletion SimResponder::generate(const SimModel& model, const ChatRequest& request) const {
    const std::string& text = request.lastUser();
    auto role = recognisePrompt(text);
    const TaskItem* item =
        m_index.find(role && role->sections.count("question") ? role->sections.at("question") : text);
    std::string itemId = item ? item->id : "unknown:" + sha256Hex(text).substr(0, 16);
    std::string sample = std::to_string(request.sample);
    std::string seed = std::to_string(m_profile.seed);
    // Plain answers depend on (seed, model, item, sample) only; role replies also on the prompt.
    Rng rng(role ? hashParts({seed, model.name, toString(role->role), itemId, sample, sha256Hex(text)})
                 : hashParts({seed, model.name, "answer", itemId, sample}));
    int64_t target = std::max<int64_t>(model.outputMin, std::llround(rng.normal(model.outputMean, model.outputSd)));

    Reply reply;
    if (role) {
        RoleReply r = answerRolePrompt(*role, {model, item, m_index, m_profile.decomposition, rng});
        if (!r.verbatim.empty())
            reply = {r.verbatim, estimateTokens(r.verbatim), false};
        else
            reply = composeReply(r.answer, target, request.maxTokens, rng);
    } else if (item) {
        bool right = rng.chance(model.skillFor(item->category));
        std::string answer = right ? item->references.front() : wrongAnswer(*item, m_index, rng);
        reply = composeReply(answer, target, request.maxTokens, rng);
    } else {
        reply =
            composeReply("unknown (this prompt is not in the simulator's task set)", target, request.maxTokens, rng);
    }

    SimCompletion c;
    c.id = "chatcmpl-sim" + hex(hashParts({seed, model.name, itemId, sample, sha256Hex(text)}));
    c.created = kCreatedBase + int64_t(m_profile.seed % 1000000);
    c.model = model.name;
    c.content = reply.text;
    c.promptTokens = promptTokens(request.messages);
    c.completionTokens = reply.tokens;
    c.finishReason = reply.truncated ? "length" : "stop";
    c.ttftMs = model.ttftMs * m_profile.timeScale;
    c.perTokenMs = 1000.0 / model.tokensPerSecond * m_profile.timeScale;
    return c;
}

SimCompletion SimResponder::replay(const ChatRequest& request, const ReplayRecord& record) const {
    SimCompletion c;
    c.id = "chatcmpl-replay" + hex(hashParts({request.model, sha256Hex(request.lastUser())}));
    c.created = kCreatedBase;
    c.model = request.model;
    c.content = record.response;
    c.promptTokens = record.inputTokens.value_or(promptTokens(request.messages));
    c.completionTokens = record.outputTokens.value_or(estimateTokens(record.response));
    c.billedCostUsd = record.costUsd;
    return c;
}

std::string SimResponder::completionBody(const SimCompletion& c, bool withUsage) const {
    Json body = {
        {"id", c.id},
        {"object", "chat.completion"},
        {"created", c.created},
        {"model", c.model},
        {"system_fingerprint", "baton-sim"},
        {"choices", Json::array({{{"index", 0},
                                  {"message", {{"role", "assistant"}, {"content", c.content}, {"refusal", nullptr}}},
                                  {"logprobs", nullptr},
                                  {"finish_reason", c.finishReason}}})}};
    if (withUsage) body["usage"] = usageJson(c);
    return body.dump();
}

std::vector<std::string> SimResponder::streamEvents(const SimCompletion& c, bool includeUsage) const {
    auto chunk = [&](Json delta, Json finish) {
        Json j = {{"id", c.id},
                  {"object", "chat.completion.chunk"},
                  {"created", c.created},
                  {"model", c.model},
                  {"system_fingerprint", "baton-sim"},
                  {"choices",
                   Json::array({{{"index", 0}, {"delta", delta}, {"logprobs", nullptr}, {"finish_reason", finish}}})}};
        if (includeUsage) j["usage"] = nullptr;
        return "data: " + j.dump() + "\n\n";
    };
    std::vector<std::string> events;
    events.push_back(chunk({{"role", "assistant"}, {"content", ""}, {"refusal", nullptr}}, nullptr));
    // A few words per chunk, as real servers send a token or a few at a time.
    size_t pos = 0;
    while (pos < c.content.size()) {
        size_t end = pos;
        for (int words = 0; words < 3 && end < c.content.size(); ++words) {
            end = c.content.find(' ', end + 1);
            if (end == std::string::npos) end = c.content.size();
        }
        events.push_back(chunk({{"content", c.content.substr(pos, end - pos)}}, nullptr));
        pos = end;
    }
    events.push_back(chunk(Json::object(), c.finishReason));
    if (includeUsage) {
        Json j = {{"id", c.id},           {"object", "chat.completion.chunk"}, {"created", c.created},
                  {"model", c.model},     {"system_fingerprint", "baton-sim"}, {"choices", Json::array()},
                  {"usage", usageJson(c)}};
        events.push_back("data: " + j.dump() + "\n\n");
    }
    events.push_back("data: [DONE]\n\n");
    return events;
}

std::string SimResponder::modelsBody() const {
    Json data = Json::array();
    auto add = [&](const std::string& name) {
        data.push_back({{"id", name}, {"object", "model"}, {"created", kCreatedBase}, {"owned_by", "baton-simulator"}});
    };
    if (m_replay)
        for (const auto& name : m_replay->models())
            add(name);
    else
        for (const auto& m : m_profile.models)
            add(m.name);
    return Json{{"object", "list"}, {"data", data}}.dump();
}

std::variant<std::string, SimHttpError> SimResponder::embeddingsBody(const std::string& body) const {
    auto doc = Json::parse(body, nullptr, false);
    if (!doc.is_object())
        return SimHttpError{400, "invalid_request_error", "", "The request body must be a JSON object.", "", {}};
    if (!doc.contains("model") || !doc["model"].is_string())
        return SimHttpError{400, "invalid_request_error", "", "you must provide a model parameter", "model", {}};
    std::vector<std::string> inputs;
    const Json& input = doc.value("input", Json());
    if (input.is_string())
        inputs.push_back(input.get<std::string>());
    else if (input.is_array() && !input.empty() &&
             std::all_of(input.begin(), input.end(), [](const Json& x) { return x.is_string(); }))
        inputs = input.get<std::vector<std::string>>();
    else
        return SimHttpError{
            400, "invalid_request_error", "", "'input' must be a string or a non-empty array of strings", "input", {}};
    Json data = Json::array();
    int64_t tokens = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
        tokens += estimateTokens(inputs[i]);
        data.push_back({{"object", "embedding"}, {"index", i}, {"embedding", hashedEmbedding(inputs[i])}});
    }
    return Json{{"object", "list"},
                {"data", data},
                {"model", doc["model"]},
                {"usage", {{"prompt_tokens", tokens}, {"total_tokens", tokens}}}}
        .dump();
}

} // namespace baton::core
