// SPDX-License-Identifier: MIT
#include "key_store.h"

#include <QEventLoop>
#include <QTimer>
#include <map>
#include <memory>
#include <qt6keychain/keychain.h>

namespace baton::ui {
namespace {

constexpr int kKeychainTimeoutMs = 5000;

/// Runs a keychain job to completion; false when it did not finish in time.
bool runJob(QKeychain::Job& job) {
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.setInsecureFallback(false); // never a plaintext file
    timeout.start(kKeychainTimeoutMs);
    job.start();
    if (!finished) loop.exec();
    return finished;
}

QString unavailable(const QString& why, const QString& variable) {
    return QObject::tr("No keychain service is available here (%1). Set the environment variable %2 instead; "
                       "Baton never stores keys in plain text.")
        .arg(why, variable);
}

std::optional<std::string> fromEnvironment(const QString& variable) {
    QByteArray value = qgetenv(variable.toUtf8().constData());
    if (value.isEmpty()) return std::nullopt;
    return value.toStdString();
}

} // namespace

QString KeyStore::environmentFallback(const QString& entryName) {
    return QString::fromStdString(
        core::KeyRef{core::KeyRef::Kind::Keychain, entryName.toStdString()}.environmentVariable());
}

KeyStore::Lookup KeyStore::lookup(const core::KeyRef& ref) const {
    Lookup result;
    QString name = QString::fromStdString(ref.name);
    if (ref.kind == core::KeyRef::Kind::Env) {
        result.secret = fromEnvironment(name);
        if (result.secret) result.source = QObject::tr("environment variable %1").arg(name);
        return result;
    }
    if (ref.kind != core::KeyRef::Kind::Keychain) return result;

    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(name);
    if (!runJob(job))
        result.note = QObject::tr("the keychain did not answer");
    else if (job.error() == QKeychain::NoError && !job.textData().isEmpty()) {
        result.secret = job.textData().toStdString();
        result.source = QObject::tr("keychain");
        return result;
    } else if (job.error() != QKeychain::EntryNotFound)
        result.note = job.errorString();
    QString variable = environmentFallback(name);
    result.secret = fromEnvironment(variable);
    if (result.secret) result.source = QObject::tr("environment variable %1").arg(variable);
    return result;
}

bool KeyStore::store(const QString& name, const QString& secret, QString* error) const {
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(name);
    job.setTextData(secret);
    bool finished = runJob(job);
    if (finished && job.error() == QKeychain::NoError) return true;
    if (error)
        *error =
            unavailable(finished ? job.errorString() : QObject::tr("it did not answer"), environmentFallback(name));
    return false;
}

bool KeyStore::remove(const QString& name, QString* error) const {
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(name);
    bool finished = runJob(job);
    if (finished && (job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound)) return true;
    if (error) *error = unavailable(finished ? job.errorString() : QObject::tr("it did not answer"), name);
    return false;
}

core::KeyResolver KeyStore::resolverFor(const core::Pool& pool) const {
    auto keys = std::make_shared<std::map<std::string, std::string>>();
    for (const auto& model : pool.models) {
        if (model.keyRef.kind == core::KeyRef::Kind::None || keys->contains(model.keyRef.toString())) continue;
        if (auto found = lookup(model.keyRef).secret) (*keys)[model.keyRef.toString()] = *found;
    }
    return [keys](const core::KeyRef& ref) -> std::optional<std::string> {
        auto it = keys->find(ref.toString());
        if (it == keys->end()) return std::nullopt;
        return it->second;
    };
}

} // namespace baton::ui
