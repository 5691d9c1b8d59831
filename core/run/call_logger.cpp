// SPDX-License-Identifier: MIT
#include "run/call_logger.h"
#include "store/call_log.h"
#include "store/call_texts.h"

namespace baton::core {

void CallLogger::log(Call call, std::string requestText, std::string responseText) {
    submit([call = std::move(call), request = std::move(requestText),
            response = std::move(responseText)](SqliteDb& db) mutable -> Status {
        auto requestHash = putCallText(db, request);
        if (!requestHash) return std::unexpected(requestHash.error());
        call.requestHash = *requestHash;
        if (!response.empty()) {
            auto responseHash = putCallText(db, response);
            if (!responseHash) return std::unexpected(responseHash.error());
            call.responseHash = *responseHash;
        }
        return insertCall(db, call);
    });
}

std::shared_future<Status> CallLogger::submit(StoreWriter::Operation op) {
    return m_pending.emplace_back(m_writer.submit(std::move(op)).share());
}

std::optional<Error> CallLogger::firstError() {
    while (!m_pending.empty() && m_pending.front().wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        Status s = m_pending.front().get();
        m_pending.pop_front();
        if (!s && !m_error) m_error = s.error();
    }
    return m_error;
}

Status CallLogger::flush() {
    while (!m_pending.empty()) {
        Status s = m_pending.front().get();
        m_pending.pop_front();
        if (!s && !m_error) m_error = s.error();
    }
    if (m_error) return std::unexpected(*m_error);
    return {};
}

} // namespace baton::core
