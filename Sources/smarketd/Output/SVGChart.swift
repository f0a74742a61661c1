import Foundation

/// Inline SVG bar charts for the HTML report: no scripts, no fonts beyond the reader's own.
enum SVGChart {
    /// One bar: a label, its length in the chart's unit, and the text shown after it.
    struct Bar {
        var label: String
        var value: Double
        var caption: String
        /// A second value drawn as a tick across the bar, such as a 90th percentile.
        var marker: Double? = nil
    }

    static let width = 720.0
    static let labelWidth = 170.0
    static let rowHeight = 30.0

    /// Draws horizontal bars scaled to the largest value (or marker).
    static func bars(_ bars: [Bar], title: String, color: String, markerColor: String = "#333")
        -> String
    {
        let maximum = max(bars.map { max($0.value, $0.marker ?? 0) }.max() ?? 0, 1)
        let plotWidth = width - labelWidth - 230
        let height = rowHeight * Double(max(bars.count, 1)) + 10
        var svg = header(title: title, height: height)
        if bars.isEmpty {
            svg += text(x: 10, y: 22, "no data in this window", className: "empty")
        }
        for (index, bar) in bars.enumerated() {
            let y = 5 + Double(index) * rowHeight
            let length = max(plotWidth * bar.value / maximum, bar.value > 0 ? 2 : 0)
            svg += text(x: labelWidth - 8, y: y + 18, bar.label, anchor: "end")
            svg += rect(x: labelWidth, y: y + 4, width: length, height: rowHeight - 10, fill: color)
            if let marker = bar.marker {
                let x = labelWidth + plotWidth * marker / maximum
                svg +=
                    "<line x1=\"\(f(x))\" y1=\"\(f(y + 1))\" x2=\"\(f(x))\" y2=\"\(f(y + rowHeight - 3))\" "
                    + "stroke=\"\(markerColor)\" stroke-width=\"3\"/>"
            }
            svg += text(
                x: labelWidth + max(length, (bar.marker ?? 0) / maximum * plotWidth) + 8, y: y + 18,
                bar.caption)
        }
        return svg + "</svg>"
    }

    /// Draws one stacked bar per entry, the met part green and the breached part red, with its compliance.
    static func stacked(
        _ entries: [(label: String, met: Int, breached: Int, caption: String)], title: String
    )
        -> String
    {
        let maximum = Double(max(entries.map { $0.met + $0.breached }.max() ?? 0, 1))
        let plotWidth = width - labelWidth - 230
        let height = rowHeight * Double(max(entries.count, 1)) + 10
        var svg = header(title: title, height: height)
        if entries.isEmpty {
            svg += text(x: 10, y: 22, "no SLA deadlines in this window", className: "empty")
        }
        for (index, entry) in entries.enumerated() {
            let y = 5 + Double(index) * rowHeight
            let metLength = plotWidth * Double(entry.met) / maximum
            let breachedLength = plotWidth * Double(entry.breached) / maximum
            svg += text(x: labelWidth - 8, y: y + 18, entry.label, anchor: "end")
            svg += rect(
                x: labelWidth, y: y + 4, width: metLength, height: rowHeight - 10, fill: "#2e7d32")
            svg += rect(
                x: labelWidth + metLength, y: y + 4, width: breachedLength, height: rowHeight - 10,
                fill: "#c62828")
            svg += text(x: labelWidth + metLength + breachedLength + 8, y: y + 18, entry.caption)
        }
        return svg + "</svg>"
    }

    private static func header(title: String, height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(f(width))\" height=\"\(f(height))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\"><title>\(HTMLText.escape(title))</title>"
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, fill: String)
        -> String
    {
        "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(fill)\"/>"
    }

    private static func text(
        x: Double, y: Double, _ content: String, anchor: String = "start", className: String? = nil
    )
        -> String
    {
        let classAttribute = className.map { " class=\"\($0)\"" } ?? ""
        return "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\"\(classAttribute)>"
            + HTMLText.escape(content) + "</text>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Escaping of text placed into HTML and SVG.
enum HTMLText {
    static func escape(_ text: String) -> String {
        // Scalars, not Characters: a combining mark after `<` joins it into one Character,
        // which a Character test would leave unescaped.
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
