// SPDX-License-Identifier: MIT
#pragma once
// ProfilesPage: the capability profile (model x category heat map) of a saved outcome matrix or of
// a run's baselines; computed off the GUI thread by a JobRunner; sortable; exported as
// PNG/SVG/PDF (the heat map) or CSV (the cells).

#include "job_runner.h"
#include "profile_model.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace baton::ui {

class WorkbenchSession;

class ProfilesPage : public QWidget {
    Q_OBJECT
public:
    explicit ProfilesPage(WorkbenchSession& session, QWidget* parent = nullptr);

    /// Lists the workspace's matrices and runs as sources.
    void refreshSources();
    /// Computes the profile of a source ("run:N" or a matrix name) off the GUI thread.
    void showSource(const QString& selector);
    const ProfileModel& model() const { return m_model; }
    const JobRunner& runner() const { return m_runner; }

    /// By extension: .csv (cells), .png, .svg or .pdf (the heat map). False with `error` on failure.
    bool exportTo(const QString& path, QString* error = nullptr) const;

signals:
    void profileShown(const QString& selector);

private:
    WorkbenchSession& m_session;
    ProfileModel m_model;
    JobRunner m_runner;
    QComboBox* m_source = nullptr;
    QLabel* m_status = nullptr;
    QTableView* m_view = nullptr;
    QSortFilterProxyModel* m_sorted = nullptr;
};

} // namespace baton::ui
