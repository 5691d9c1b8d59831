// SPDX-License-Identifier: MIT
#include "io/read_ahead_items.h"
#include "util/sha256.h"

namespace baton::core {
namespace {

constexpr size_t kBatchItems = 256;  ///< records handed over under one lock
constexpr size_t kBatchesAhead = 8; ///< at most this many batches wait: memory stays flat

} // namespace

ReadAheadItems::ReadAheadItems(std::unique_ptr<TaskItemReader> reader)
    : m_reader(std::move(reader)), m_thread([this] { readAll(); }) {}

ReadAheadItems::~ReadAheadItems() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void ReadAheadItems::readAll() {
    std::optional<Error> error;
    try {
        for (bool more = true; more;) {
            Batch batch;
            batch.reserve(kBatchItems);
            while (batch.size() < kBatchItems) {
                ReadAheadItem next;
                auto read = m_reader->next(next.read);
                if (!read) {
                    error = read.error();
                    more = false;
                    break;
                }
                if (!*read) {
                    more = false;
                    break;
                }
                if (next.read.problem.empty()) {
                    next.dump = dumpTaskItem(next.read.item);
                    next.messagesHash = sha256Hex(next.dump.messages);
                }
                batch.push_back(std::move(next));
            }
            if (!batch.empty() && !publish(std::move(batch))) return;
        }
    } catch (const std::exception& e) { // as the same work on the caller's thread would report it
        error = Error{ErrorKind::Internal, m_reader->fileName() + ": " + e.what(), {}};
    }
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_error = std::move(error);
    }
    m_changed.notify_all();
}

bool ReadAheadItems::publish(Batch&& batch) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stopping || m_ready.size() < kBatchesAhead; });
    if (m_stopping) return false;
    m_ready.push_back(std::move(batch));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

Result<bool> ReadAheadItems::next(ReadAheadItem& out) {
    if (m_nextInTaken == m_taken.size()) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_done || !m_ready.empty(); });
        if (m_ready.empty()) {
            if (m_error) return std::unexpected(*m_error);
            return false;
        }
        m_taken = std::move(m_ready.front());
        m_ready.pop_front();
        m_nextInTaken = 0;
        lock.unlock();
        m_changed.notify_all();
    }
    out = std::move(m_taken[m_nextInTaken++]);
    return true;
}

} // namespace baton::core
