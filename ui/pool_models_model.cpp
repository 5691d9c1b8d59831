// SPDX-License-Identifier: MIT
#include "pool_models_model.h"
#include "pricing/price_age.h"
#include "util/calendar_date.h"
#include "util/secrets.h"

#include <QColor>
#include <QStringList>

namespace baton::ui {
namespace {

QString price(const std::optional<double>& value) {
    return value ? QString::number(*value, 'g', 8) : QString();
}

QString tagsText(const std::map<std::string, std::string>& tags) {
    QStringList parts;
    for (const auto& [key, value] : tags)
        parts << QString::fromStdString(key + "=" + value);
    return parts.join(", ");
}

std::optional<std::map<std::string, std::string>> parseTags(const QString& text) {
    std::map<std::string, std::string> tags;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        int eq = part.indexOf('=');
        if (eq <= 0) return std::nullopt;
        tags[part.left(eq).trimmed().toStdString()] = part.mid(eq + 1).trimmed().toStdString();
    }
    return tags;
}

core::PriceEntry& priceOverride(core::ModelSpec& model) {
    if (!model.priceOverride) {
        model.priceOverride = core::PriceEntry{};
        model.priceOverride->id = model.priceRef;
    }
    return *model.priceOverride;
}

} // namespace

PoolModelsModel::PoolModelsModel(PoolDocument& document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {
    // An edit of a cell keeps the rows: a reset would pull the model from under the open editor
    // ("commitData called with an editor that does not belong to this view"), lose the current
    // cell (Tab went nowhere) and the focus (Ctrl+Z right after an edit did nothing).
    m_rows = rowCount();
    connect(&document, &PoolDocument::changed, this, [this] {
        if (int rows = rowCount(); rows == m_rows) {
            if (rows > 0) emit dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
            return;
        }
        beginResetModel();
        m_rows = rowCount();
        endResetModel();
    });
}

int PoolModelsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_document.pool().models.size());
}

int PoolModelsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString PoolModelsModel::text(const core::ModelSpec& model, int column) const {
    const core::PriceEntry* prices = model.priceOverride ? &*model.priceOverride : nullptr;
    switch (column) {
    case Name:
        return QString::fromStdString(model.name);
    case Provider:
        return QString::fromStdString(core::toString(model.provider));
    case BaseUrl:
        return QString::fromStdString(model.baseUrl);
    case RemoteModel:
        return QString::fromStdString(model.remoteModel);
    case Key:
        return QString::fromStdString(model.keyRef.toString());
    case InputPrice:
        return prices ? price(prices->prices.input) : QString();
    case OutputPrice:
        return prices ? price(prices->prices.output) : QString();
    case PriceSource:
        return prices ? QString::fromStdString(prices->source) : QString::fromStdString(model.priceRef);
    case PriceAsOf:
        return prices ? QString::fromStdString(prices->asOf) : QString();
    case ContextWindow:
        return model.contextWindow ? QString::number(*model.contextWindow) : QString();
    case Tags:
        return tagsText(model.tags);
    }
    return {};
}

QStringList PoolModelsModel::problemsAt(const QModelIndex& index) const {
    // The pool file field behind each column, as the loader names it in a problem's JSON path.
    static const char* const kFields[ColumnCount] = {"name",        "provider",       "base_url",     "model",
                                                     "key_ref",     "price/input",    "price/output", "price/source",
                                                     "price/as_of", "context_window", "tags"};
    QString at = QStringLiteral("/models/%1/%2").arg(index.row()).arg(kFields[index.column()]);
    QStringList found;
    for (const auto& p : m_document.problems()) {
        QString location = QString::fromStdString(p.location);
        if (location == at || location.startsWith(at + '/')) found << QString::fromStdString(p.message);
    }
    return found;
}

QVariant PoolModelsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const core::ModelSpec& model = m_document.pool().models[size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::EditRole) return text(model, index.column());
    if (role == Qt::BackgroundRole || role == Qt::ToolTipRole) { // inline validation: the cell a problem is about
        QStringList problems = problemsAt(index);
        if (!problems.isEmpty())
            return role == Qt::ToolTipRole ? QVariant(problems.join('\n')) : QVariant(QColor(255, 215, 215));
    }
    if ((role == Qt::BackgroundRole || role == Qt::ToolTipRole) &&
        (index.column() == PriceAsOf || index.column() == PriceSource)) {
        std::string today = core::todayIso(); // UTC, as baton-cli pool show judges
        if (auto age = core::priceAge(model, core::PriceBook::bundled(), today); age && age->stale) {
            if (role == Qt::BackgroundRole) return QColor(255, 226, 160); // amber: check, not wrong
            return age->days ? tr("Prices read %1 days ago (as of %2): older than %3 days. Check the vendor's price "
                                  "page and update the price and its date.")
                                   .arg(*age->days)
                                   .arg(QString::fromStdString(age->asOf))
                                   .arg(core::kStalePriceDays)
                             : tr("These prices carry no date (as_of): how old they are is unknown. Check them and "
                                  "set their date.");
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Key)
        return tr("Where the key lives: env:VARIABLE or keychain:ENTRY. Never the key itself.");
    if (role == Qt::ToolTipRole && index.column() == PriceSource && !model.priceOverride)
        return tr("Priced from the price book entry %1").arg(QString::fromStdString(model.priceRef));
    return {};
}

QVariant PoolModelsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const QStringList titles = {tr("Name"),           tr("Provider"),       tr("Base URL"),
                                       tr("Remote model"),   tr("Key reference"),  tr("Input $/M"),
                                       tr("Output $/M"),     tr("Price source"),   tr("Price as of"),
                                       tr("Context window"), tr("Tags (k=v, ...)")};
    return titles.value(section);
}

Qt::ItemFlags PoolModelsModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

QString PoolModelsModel::apply(core::ModelSpec& model, int column, const QString& value) const {
    std::string v = value.trimmed().toStdString();
    bool ok = true;
    switch (column) {
    case Name:
        if (v.empty()) return tr("A model needs a name.");
        if (v != model.name && m_document.pool().findModel(v))
            return tr("Another model is already named \"%1\".").arg(value.trimmed());
        model.name = v;
        return {};
    case Provider: {
        auto kind = core::providerKindFromString(v);
        if (!kind) return tr("\"%1\" is not a provider: use openai, anthropic, gemini or sim.").arg(value);
        model.provider = *kind;
        return {};
    }
    case BaseUrl:
        model.baseUrl = v;
        return {};
    case RemoteModel:
        model.remoteModel = v;
        return {};
    case Key: {
        if (core::looksLikeSecret(v))
            return tr("That looks like a key itself. Store it with \"Set key...\" and put its reference "
                      "(keychain:NAME or env:VARIABLE) here.");
        auto ref = core::KeyRef::parse(v);
        if (!ref) return tr("Write env:VARIABLE or keychain:ENTRY, or leave it empty.");
        model.keyRef = *ref;
        return {};
    }
    case InputPrice:
    case OutputPrice: {
        std::optional<double> number;
        if (!v.empty()) number = value.toDouble(&ok);
        if (!ok || (number && *number < 0)) return tr("A price is a number of USD per million tokens, 0 or more.");
        auto& prices = priceOverride(model).prices;
        (column == InputPrice ? prices.input : prices.output) = number;
        return {};
    }
    case PriceSource:
        priceOverride(model).source = v;
        return {};
    case PriceAsOf:
        priceOverride(model).asOf = v;
        return {};
    case ContextWindow: {
        std::optional<int64_t> tokens;
        if (!v.empty()) tokens = value.toLongLong(&ok);
        if (!ok || (tokens && *tokens <= 0)) return tr("A context window is a positive number of tokens.");
        model.contextWindow = tokens;
        return {};
    }
    case Tags: {
        auto tags = parseTags(value);
        if (!tags) return tr("Write tags as key=value pairs separated by commas, e.g. weights=open, vendor=acme.");
        model.tags = *tags;
        return {};
    }
    }
    return tr("This column cannot be edited.");
}

bool PoolModelsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid)) return false;
    core::Pool pool = m_document.pool();
    core::ModelSpec& model = pool.models[size_t(index.row())];
    if (value.toString() == text(model, index.column())) return true;
    if (QString refusal = apply(model, index.column(), value.toString()); !refusal.isEmpty()) {
        emit editRefused(refusal);
        return false;
    }
    m_document.change(std::move(pool), tr("Edit %1 of %2")
                                           .arg(headerData(index.column(), Qt::Horizontal).toString(),
                                                QString::fromStdString(model.name)));
    return true;
}

int PoolModelsModel::addModel(int like) {
    core::Pool pool = m_document.pool();
    std::string name = "model";
    for (int n = 2; pool.findModel(name); ++n)
        name = "model-" + std::to_string(n);
    core::ModelSpec model;
    if (like < 0 || like >= int(pool.models.size())) like = int(pool.models.size()) - 1;
    if (like >= 0) {
        // The same endpoint as the row it is added after: its wire format, address, key
        // reference (never a key) and how the key and version travel. Prices and tags are the model's own.
        const core::ModelSpec& from = pool.models[size_t(like)];
        model.provider = from.provider;
        model.baseUrl = from.baseUrl;
        model.keyRef = from.keyRef;
        model.apiVersion = from.apiVersion;
        model.auth = from.auth;
        model.headers = from.headers;
        model.query = from.query;
    }
    model.name = name;
    model.remoteModel = name;
    pool.models.push_back(model);
    int row = int(pool.models.size()) - 1;
    m_document.change(std::move(pool), tr("Add model %1").arg(QString::fromStdString(name)));
    return row;
}

void PoolModelsModel::removeModel(int row) {
    core::Pool pool = m_document.pool();
    if (row < 0 || row >= int(pool.models.size())) return;
    QString name = QString::fromStdString(pool.models[size_t(row)].name);
    pool.models.erase(pool.models.begin() + row);
    m_document.change(std::move(pool), tr("Remove model %1").arg(name));
}

} // namespace baton::ui
