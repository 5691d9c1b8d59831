// SPDX-License-Identifier: MIT
#pragma once
// RepriceChoiceBox: what "Reprice with..." re-prices a run with: the prices the run recorded, a
// price version stored in the workspace (newest first, with its date) or a price list file, and
// optionally one vendor whose prices rise by x% (the lock-in scenario of `reprice --raise`).
// It only holds the choice; the dialog reads it and runs the work.

#include "bundle/stored_prices.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QDoubleSpinBox;

namespace baton::ui {

class RepriceChoiceBox : public QWidget {
    Q_OBJECT
public:
    explicit RepriceChoiceBox(QWidget* parent = nullptr);

    /// Fills the choices: the stored versions (as given, newest first) and the run's vendors.
    void setChoices(const core::RepriceChoices& choices);
    /// Selects stored version `id` (false when it is not offered).
    bool selectVersion(qint64 id);
    void selectFile();
    /// Raises `vendor`'s prices by `percent` ("" or 0: no raise). False when the vendor is not offered.
    bool setRaise(const QString& vendor, double percent);

    bool fileChosen() const;
    /// The stored version chosen, if any.
    std::optional<qint64> version() const;
    /// The vendor raise chosen (empty when none).
    std::map<std::string, double> raisePercent() const;
    QComboBox* sourceBox() const { return m_source; }
    QComboBox* vendorBox() const { return m_vendor; }
    QDoubleSpinBox* raiseBox() const { return m_raise; }

private:
    QComboBox* m_source;
    QComboBox* m_vendor;
    QDoubleSpinBox* m_raise;
};

} // namespace baton::ui
