// SPDX-License-Identifier: MIT
#pragma once
// KeyStore: API keys in the OS keychain (through qtkeychain), with environment variables as the
// fallback. "env:NAME" is read from the environment; "keychain:NAME" from the keychain entry NAME
// of service "baton", else from the variable BATON_KEY_<NAME>. Keys are never written anywhere
// else: with no keychain service, storing fails with a message naming the variable to set.

#include "model/pool.h"
#include "run/model_caller.h"

#include <QString>
#include <optional>

namespace baton::ui {

class KeyStore {
public:
    struct Lookup {
        std::optional<std::string> secret;
        QString source; ///< "keychain", "environment variable NAME", or empty when not found
        QString note;   ///< why the keychain was not used, when it was not
    };

    explicit KeyStore(QString service = QStringLiteral("baton")) : m_service(std::move(service)) {}

    /// Blocks (with a timeout) while the keychain answers.
    Lookup lookup(const core::KeyRef& ref) const;
    /// Stores `secret` under keychain entry `name`. False with `error` saying what to do instead.
    bool store(const QString& name, const QString& secret, QString* error) const;
    bool remove(const QString& name, QString* error) const;

    /// The keys of every model of `pool`, looked up once now and held in memory for one run.
    core::KeyResolver resolverFor(const core::Pool& pool) const;

    /// The variable read when the keychain has no entry `entryName` (see KeyRef::environmentVariable).
    static QString environmentFallback(const QString& entryName);

private:
    QString m_service;
};

} // namespace baton::ui
