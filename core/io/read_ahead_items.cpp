// SPDX-License-Identifier: MIT
#include "io/read_ahead_items.h"

namespace baton::core {
namespace {

/// A batch is handed over under one lock when it has this many records or bytes of dumps; at
/// most kBatchesAhead wait, so what is read ahead stays small also for long prompts.
constexpr size_t kBatchItems = 256;
constexpr size_t kBatchBytes = 1 << 20;
constexpr size_t kBatchesAhead = 8;

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
    for (bool more = true; more;) {
        Batch batch;
        batch.reserve(kBatchItems);
        size_t bytes = 0;
        while (more && batch.size() < kBatchItems && bytes < kBatchBytes) {
            ReadAheadItem next;
            auto read = readOne(next);
            if (!read) error = read.error();
            more = read && *read;
            if (!more) break;
            bytes += next.dump.whole.size() + next.read.problem.size();
            batch.push_back(std::move(next));
        }
        if (!batch.empty() && !publish(std::move(batch))) return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_error = std::move(error);
    }
    m_changed.notify_all();
}

Result<bool> ReadAheadItems::readOne(ReadAheadItem& out) {
    // Nothing may leave this thread as an exception (it would end the process); what the reader
    // or the dump throws (running out of memory, in practice) ends the file as an error would.
    std::string why;
    try {
        auto more = m_reader->next(out.read);
        if (!more || !*more) return more;
        if (out.read.problem.empty()) out.dump = dumpTaskItem(out.read.item);
        return true;
    } catch (const std::exception& e) {
        why = e.what();
    } catch (...) {
        why = "an unknown error";
    }
    return fail(ErrorKind::Internal, m_reader->fileName() + ": reading stopped at line " +
                                         std::to_string(out.read.line) + " (" + why +
                                         "); nothing was imported. Try again with more free memory, "
                                         "or split the file.");
}

bool ReadAheadItems::publish(Batch&& batch) {
    std::vector<Batch> spent;
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stopping || m_ready.size() < kBatchesAhead; });
    if (m_stopping) return false;
    m_ready.push_back(std::move(batch));
    spent.swap(m_spent);
    lock.unlock();
    m_changed.notify_all();
    return true; // `spent` is freed here, on this thread, where its memory was allocated
}

Result<ReadAheadItem*> ReadAheadItems::next() {
    if (m_nextInTaken == m_taken.size()) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_done || !m_ready.empty(); });
        if (m_ready.empty()) {
            if (m_error) return std::unexpected(*m_error);
            return nullptr;
        }
        if (!m_done && !m_taken.empty()) m_spent.push_back(std::move(m_taken)); // else freed here
        m_taken = std::move(m_ready.front());
        m_ready.pop_front();
        m_nextInTaken = 0;
        lock.unlock();
        m_changed.notify_all();
    }
    return &m_taken[m_nextInTaken++];
}

} // namespace baton::core
