// SPDX-License-Identifier: MIT
#pragma once
// An XLSX workbook's cells as text, for golden files: the zip read back with core's own reader
// (bundle/zip_archive.h), its XML with QXmlStreamReader. One block per sheet in workbook order:
//
//   sheet 1 "strategies" (frozen above A4)
//   A1 text bold: Strategies and single models
//   F5 number: 0.5
//
// A cell shows its kind (text from the shared strings, number as stored in <v>), whether its font
// is bold, and its value. Only cells are dumped: the workbook's creation time (docProps/core.xml)
// and column widths are not, so the dump is the same on every run.

#include "bundle/zip_archive.h"

#include <QString>
#include <QXmlStreamReader>

#include <string>
#include <vector>

namespace baton::test {

namespace xlsx_detail {

inline QString attr(const QXmlStreamReader& r, const char* name) {
    return r.attributes().value(QLatin1String(name)).toString();
}

inline QXmlStreamReader xml(const core::ZipEntries& zip, const std::string& name) {
    auto it = zip.find(name);
    return QXmlStreamReader(it == zip.end() ? QByteArray() : QByteArray::fromStdString(it->second));
}

/// Every <si> of xl/sharedStrings.xml, its <t> runs joined.
inline std::vector<QString> sharedStrings(const core::ZipEntries& zip) {
    std::vector<QString> strings;
    auto r = xml(zip, "xl/sharedStrings.xml");
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == u"si")
            strings.emplace_back();
        else if (r.isStartElement() && r.name() == u"t" && !strings.empty())
            strings.back() += r.readElementText();
    }
    return strings;
}

/// For each cell style (cellXfs, the `s` of a cell) whether its font is bold.
inline std::vector<bool> boldStyles(const core::ZipEntries& zip) {
    std::vector<bool> boldFonts, styles;
    bool inFonts = false, inCellXfs = false;
    auto r = xml(zip, "xl/styles.xml");
    while (!r.atEnd()) {
        r.readNext();
        if (r.isEndElement()) {
            if (r.name() == u"fonts") inFonts = false;
            if (r.name() == u"cellXfs") inCellXfs = false;
            continue;
        }
        if (!r.isStartElement()) continue;
        if (r.name() == u"fonts")
            inFonts = true;
        else if (r.name() == u"cellXfs")
            inCellXfs = true;
        else if (inFonts && r.name() == u"font")
            boldFonts.push_back(false);
        else if (inFonts && r.name() == u"b" && !boldFonts.empty())
            boldFonts.back() = true;
        else if (inCellXfs && r.name() == u"xf") {
            size_t font = attr(r, "fontId").toULong();
            styles.push_back(font < boldFonts.size() && boldFonts[font]);
        }
    }
    return styles;
}

/// Target of each relationship id in xl/_rels/workbook.xml.rels, as a path inside the zip.
inline QString sheetPath(const core::ZipEntries& zip, const QString& id) {
    auto r = xml(zip, "xl/_rels/workbook.xml.rels");
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == u"Relationship" && attr(r, "Id") == id) {
            QString target = attr(r, "Target");
            return target.startsWith('/') ? target.mid(1) : "xl/" + target;
        }
    }
    return {};
}

inline std::string sheetCells(const core::ZipEntries& zip, const QString& path, const std::vector<QString>& strings,
                              const std::vector<bool>& bold, QString& frozen) {
    std::string out;
    auto r = xml(zip, path.toStdString());
    QString ref, type, value;
    bool isBold = false;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == u"pane" && attr(r, "state") == u"frozen") frozen = attr(r, "topLeftCell");
        if (r.isStartElement() && r.name() == u"c") {
            ref = attr(r, "r");
            type = attr(r, "t");
            size_t style = attr(r, "s").toULong();
            isBold = style < bold.size() && bold[style];
            value.clear();
        } else if (r.isStartElement() && r.name() == u"v") {
            value = r.readElementText();
        } else if (r.isEndElement() && r.name() == u"c") {
            QString kind = type == u"s" ? "text" : type.isEmpty() || type == u"n" ? "number" : type;
            if (type == u"s") {
                size_t at = value.toULong();
                value = at < strings.size() ? strings[at] : "<no shared string " + value + ">";
            }
            out += (ref + " " + kind + (isBold ? " bold" : "") + ": " + value).toStdString() + "\n";
        }
    }
    if (r.hasError()) out += "XML error: " + r.errorString().toStdString() + "\n";
    return out;
}

} // namespace xlsx_detail

/// The dump described above, or the reason the workbook could not be read.
inline std::string xlsxCells(const std::string& path) {
    auto zip = core::readZip(path);
    if (!zip) return "cannot read " + path + ": " + zip.error().describe() + "\n";
    auto strings = xlsx_detail::sharedStrings(*zip);
    auto bold = xlsx_detail::boldStyles(*zip);
    std::string out;
    int number = 0;
    auto r = xlsx_detail::xml(*zip, "xl/workbook.xml");
    while (!r.atEnd()) {
        r.readNext();
        if (!r.isStartElement() || r.name() != u"sheet") continue;
        QString name = xlsx_detail::attr(r, "name");
        QString path = xlsx_detail::sheetPath(
            *zip, r.attributes()
                      .value(QStringLiteral("http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
                             QStringLiteral("id"))
                      .toString());
        QString frozen;
        std::string cells = xlsx_detail::sheetCells(*zip, path, strings, bold, frozen);
        if (number++) out += "\n";
        out += QStringLiteral("sheet %1 \"%2\"").arg(number).arg(name).toStdString();
        out += (frozen.isEmpty() ? QString() : " (frozen above " + frozen + ")").toStdString() + "\n" + cells;
    }
    return out;
}

} // namespace baton::test
