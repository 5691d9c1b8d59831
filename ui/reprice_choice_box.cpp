// SPDX-License-Identifier: MIT
#include "reprice_choice_box.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>

namespace baton::ui {
namespace {

// The source box's items: the run's own prices, stored versions (their id), a file.
constexpr qint64 kRunPrices = 0;
constexpr qint64 kFile = -1;

} // namespace

RepriceChoiceBox::RepriceChoiceBox(QWidget* parent)
    : QWidget(parent), m_source(new QComboBox(this)), m_vendor(new QComboBox(this)), m_raise(new QDoubleSpinBox(this)) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_source->setToolTip(tr("A price version stored with Import price list... or `baton-cli prices import FILE --db`, a price list file "
                            "(Baton's price book or the community model_prices_and_context_window.json), or the "
                            "prices the run recorded"));
    form->addRow(tr("&Prices:"), m_source);
    auto* raise = new QHBoxLayout;
    m_raise->setRange(-100, 10000);
    m_raise->setDecimals(1);
    m_raise->setSuffix(tr(" %"));
    m_raise->setToolTip(tr("Every price of the models tagged with this vendor rises by this much: what the pool's "
                           "lock-in to that vendor would cost"));
    raise->addWidget(m_vendor, 1);
    raise->addWidget(m_raise);
    auto* raiseLabel = new QLabel(tr("&Vendor raises prices by:"), this);
    raiseLabel->setBuddy(m_vendor);
    form->addRow(raiseLabel, raise);
    setChoices({});
}

void RepriceChoiceBox::setChoices(const core::RepriceChoices& choices) {
    m_source->clear();
    m_source->addItem(tr("The prices the run recorded"), kRunPrices);
    for (const auto& v : choices.versions)
        m_source->addItem(tr("Version %1: as of %2, %n model(s), from %3", "", int(v.modelCount))
                              .arg(v.id)
                              .arg(QString::fromStdString(v.asOf), QString::fromStdString(v.source)),
                          qint64(v.id));
    m_source->addItem(tr("A price list file..."), kFile);
    m_source->setCurrentIndex(choices.versions.empty() ? m_source->count() - 1 : 1); // newest version, else a file
    m_vendor->clear();
    m_vendor->addItem(tr("(no vendor)"), QString());
    for (const auto& vendor : choices.vendors)
        m_vendor->addItem(QString::fromStdString(vendor), QString::fromStdString(vendor));
    m_raise->setValue(0);
}

bool RepriceChoiceBox::selectVersion(qint64 id) {
    int index = id > 0 ? m_source->findData(id) : -1;
    if (index >= 0) m_source->setCurrentIndex(index);
    return index >= 0;
}

void RepriceChoiceBox::selectFile() {
    m_source->setCurrentIndex(m_source->findData(kFile));
}

bool RepriceChoiceBox::setRaise(const QString& vendor, double percent) {
    int index = m_vendor->findData(vendor);
    if (index < 0) return false;
    m_vendor->setCurrentIndex(index);
    m_raise->setValue(percent);
    return true;
}

bool RepriceChoiceBox::fileChosen() const {
    return m_source->currentData().toLongLong() == kFile;
}

std::optional<qint64> RepriceChoiceBox::version() const {
    qint64 id = m_source->currentData().toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

std::map<std::string, double> RepriceChoiceBox::raisePercent() const {
    QString vendor = m_vendor->currentData().toString();
    if (vendor.isEmpty() || m_raise->value() == 0) return {};
    return {{vendor.toStdString(), m_raise->value()}};
}

} // namespace baton::ui
