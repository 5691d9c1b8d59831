#include "pool_models_model.h"
#include "util/secrets.h"

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
    if (!model.priceOverride) model.priceOverride = core::PriceEntry{.id = model.priceRef};
    return *model.priceOverride;
}

} // namespace

PoolModelsModel::PoolModelsModel(PoolDocument& document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {
    connect(&document, &PoolDocument::changed, this, [this] {
        beginResetModel();
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

QVariant PoolModelsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const core::ModelSpec& model = m_document.pool().models[size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::EditRole) return text(model, index.column());
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

bool PoolModelsModel::apply(core::ModelSpec& model, int column, const QString& value, QString& why) const {
    std::string v = value.trimmed().toStdString();
    bool ok = true;
    switch (column) {
    case Name:
        if (v.empty()) return why = tr("A model needs a name."), false;
        if (v != model.name && m_document.pool().findModel(v))
            return why = tr("Another model is already named \"%1\".").arg(value.trimmed()), false;
        model.name = v;
        return true;
    case Provider: {
        auto kind = core::providerKindFromString(v);
        if (!kind) return why = tr("\"%1\" is not a provider: use openai, anthropic, gemini or sim.").arg(value), false;
        model.provider = *kind;
        return true;
    }
    case BaseUrl:
        model.baseUrl = v;
        return true;
    case RemoteModel:
        model.remoteModel = v;
        return true;
    case Key: {
        if (core::looksLikeSecret(v))
            return why = tr("That looks like a key itself. Store it with \"Set key...\" and put its reference "
                            "(keychain:NAME or env:VARIABLE) here."),
                   false;
        auto ref = core::KeyRef::parse(v);
        if (!ref) return why = tr("Write env:VARIABLE or keychain:ENTRY, or leave it empty."), false;
        model.keyRef = *ref;
        return true;
    }
    case InputPrice:
    case OutputPrice: {
        std::optional<double> number;
        if (!v.empty()) number = value.toDouble(&ok);
        if (!ok || (number && *number < 0))
            return why = tr("A price is a number of USD per million tokens, 0 or more."), false;
        auto& prices = priceOverride(model).prices;
        (column == InputPrice ? prices.input : prices.output) = number;
        return true;
    }
    case PriceSource:
        priceOverride(model).source = v;
        return true;
    case PriceAsOf:
        priceOverride(model).asOf = v;
        return true;
    case ContextWindow: {
        std::optional<int64_t> tokens;
        if (!v.empty()) tokens = value.toLongLong(&ok);
        if (!ok || (tokens && *tokens <= 0)) return why = tr("A context window is a positive number of tokens."), false;
        model.contextWindow = tokens;
        return true;
    }
    case Tags: {
        auto tags = parseTags(value);
        if (!tags)
            return why = tr("Write tags as key=value pairs separated by commas, e.g. weights=open, vendor=acme."),
                   false;
        model.tags = *tags;
        return true;
    }
    }
    return false;
}

bool PoolModelsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid)) return false;
    core::Pool pool = m_document.pool();
    core::ModelSpec& model = pool.models[size_t(index.row())];
    if (value.toString() == text(model, index.column())) return true;
    QString why;
    if (!apply(model, index.column(), value.toString(), why)) {
        emit editRefused(why);
        return false;
    }
    m_document.change(std::move(pool), tr("Edit %1 of %2")
                                           .arg(headerData(index.column(), Qt::Horizontal).toString(),
                                                QString::fromStdString(model.name)));
    return true;
}

int PoolModelsModel::addModel() {
    core::Pool pool = m_document.pool();
    std::string name = "model";
    for (int n = 2; pool.findModel(name); ++n)
        name = "model-" + std::to_string(n);
    core::ModelSpec model;
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
