// SPDX-License-Identifier: MIT
#pragma once
// Settings: every setting the workbench remembers between sessions, typed and declared here
// only (Tiled's SessionOption). Widgets read and write these options, never QSettings keys.

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

class QSplitter;
class QHeaderView;

namespace baton::ui {

/// One remembered value with its key and its value on a first start.
template <class T>
class SettingsOption {
public:
    SettingsOption(const char* key, T fallback) : m_key(key), m_fallback(std::move(fallback)) {}
    T get() const {
        QVariant v = QSettings().value(QString::fromLatin1(m_key));
        return v.isValid() && v.canConvert<T>() ? v.value<T>() : m_fallback;
    }
    void set(const T& value) const { QSettings().setValue(QString::fromLatin1(m_key), QVariant::fromValue(value)); }
    /// A keyed family of values ("splitters/inspector"): same type and fallback, one key each.
    T get(const QString& name) const {
        QVariant v = QSettings().value(QString::fromLatin1(m_key) + '/' + name);
        return v.isValid() && v.canConvert<T>() ? v.value<T>() : m_fallback;
    }
    void set(const QString& name, const T& value) const {
        QSettings().setValue(QString::fromLatin1(m_key) + '/' + name, QVariant::fromValue(value));
    }

private:
    const char* m_key;
    T m_fallback;
};

namespace settings {
inline const SettingsOption<QByteArray> windowGeometry{"window/geometry", {}};
inline const SettingsOption<int> lastPage{"window/page", -1};
inline const SettingsOption<QByteArray> splitterState{"splitters", {}};   ///< keyed by splitter name
inline const SettingsOption<QByteArray> headerState{"headers", {}};       ///< keyed by table name
inline const SettingsOption<bool> onboarded{"onboarding/done", false};    ///< the first-start hint was shown
inline const SettingsOption<QStringList> recentPools{"files/recentPools", {}};
inline const SettingsOption<QString> poolFolder{"files/poolFolder", {}};
inline const SettingsOption<QString> exportFolder{"files/exportFolder", {}};
inline const SettingsOption<QString> bundleFolder{"files/bundleFolder", {}}; ///< run bundles, exported or opened
inline const SettingsOption<QString> reportFolder{"files/reportFolder", {}}; ///< HTML and XLSX reports
inline const SettingsOption<QString> priceFolder{"files/priceFolder", {}};   ///< price lists to reprice with
inline const SettingsOption<QString> lastPool{"files/lastPool", {}};
inline const SettingsOption<QString> lastTaskSet{"files/lastTaskSet", {}};
inline const SettingsOption<qlonglong> lastRun{"runs/last", 0};            ///< keyed by workspace path
inline const SettingsOption<QString> referenceBaseline{"results/reference", {}};
inline const SettingsOption<double> confirmAboveUsd{"run/confirmAboveUsd", 1.0};
inline const SettingsOption<int> concurrency{"run/concurrency", 16};
inline const SettingsOption<bool> stream{"run/stream", false};
inline const SettingsOption<int> theme{"view/theme", 0}; ///< a ThemeChoice: 0 follows the desktop

constexpr int kMaxRecent = 8;
/// Puts `path` first in the recent pool files.
void addRecentPool(const QString& path);
/// Restores the splitter's sizes saved under `name` and saves them whenever they change.
void rememberSplitter(QSplitter* splitter, const QString& name);
} // namespace settings

} // namespace baton::ui
