import CZlib
import Foundation
import Testing

/// The HTML report rendered by headless Chromium to a PNG, to prove that the page draws.
@Suite struct HtmlReportRenderTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test(
        .enabled(
            if: chromium != nil,
            "chromium is not installed; run `scripts/install-deps.sh chromium` to render the HTML report"
        ))
    func htmlRendersChartsInChromium() throws {
        let workspace = try reportWorkspace()
        let result = try workspace.command(
            ["report"] + novemberWindow + ["--by", "rep", "--format", "html"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let reportPage = workspace.root.path + "/report.html"
        try result.output.write(toFile: reportPage, atomically: true, encoding: .utf8)
        let blankPage = workspace.root.path + "/blank.html"
        try "<!DOCTYPE html><html><body></body></html>".write(
            toFile: blankPage, atomically: true, encoding: .utf8)

        let report = try screenshot(reportPage, in: workspace)
        let blank = try screenshot(blankPage, in: workspace)
        let image = try PNGImage(report)
        #expect(image.width == 1200)
        #expect(image.height == 1600)
        #expect(report.count > blank.count * 4)
        // White, text grey, and the chart colors: blue funnel, green met, red breached, orange first touch.
        #expect(try image.distinctColors().count >= 6)
        #expect(try PNGImage(blank).distinctColors().count <= 2)
    }

    private func screenshot(_ page: String, in workspace: TestWorkspace) throws -> Data {
        let output = page + ".png"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium!)
        process.arguments = [
            "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
            "--user-data-dir=\(workspace.root.path)/chromium-profile", "--screenshot=\(output)",
            "--window-size=1200,1600", "file://" + page,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try Data(contentsOf: URL(fileURLWithPath: output))
    }
}

/// A small PNG reader for 8-bit RGB and RGBA images, enough to count the colors of a screenshot.
struct PNGImage {
    var width = 0
    var height = 0
    var colorType: UInt8 = 0
    var compressed: [UInt8] = []

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw PNGError("not a PNG file")
        }
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = Int(Self.bigEndian(bytes, offset))
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            if type == "IHDR" {
                width = Int(Self.bigEndian(body, 0))
                height = Int(Self.bigEndian(body, 4))
                guard body[8] == 8 else { throw PNGError("bit depth \(body[8]) is not 8") }
                colorType = body[9]
            } else if type == "IDAT" {
                compressed += body
            }
            offset += 12 + length
        }
    }

    static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Inflates and unfilters the scanlines and returns the set of RGB colors.
    func distinctColors() throws -> Set<UInt32> {
        let channels: Int
        switch colorType {
        case 6: channels = 4
        case 2: channels = 3
        default: channels = 0
        }
        guard channels > 0 else { throw PNGError("color type \(colorType) is not RGB or RGBA") }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var rawLength = UInt(raw.count)
        let status = uncompress(&raw, &rawLength, compressed, UInt(compressed.count))
        guard status == Z_OK else { throw PNGError("zlib status \(status)") }
        var previous = [UInt8](repeating: 0, count: stride)
        var colors: Set<UInt32> = []
        for row in 0..<height {
            let start = row * (stride + 1)
            let filter = raw[start]
            var line = Array(raw[(start + 1)..<(start + 1 + stride)])
            for index in 0..<stride {
                let left = index >= channels ? Int(line[index - channels]) : 0
                let up = Int(previous[index])
                let upLeft = index >= channels ? Int(previous[index - channels]) : 0
                let predictor: Int
                switch filter {
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let estimate = left + up - upLeft
                    let (a, b, c) = (
                        abs(estimate - left), abs(estimate - up), abs(estimate - upLeft)
                    )
                    predictor = a <= b && a <= c ? left : (b <= c ? up : upLeft)
                default: predictor = 0
                }
                line[index] = UInt8((Int(line[index]) + predictor) & 0xFF)
            }
            for pixel in Swift.stride(from: 0, to: stride, by: channels) {
                colors.insert(
                    UInt32(line[pixel]) << 16 | UInt32(line[pixel + 1]) << 8
                        | UInt32(line[pixel + 2]))
            }
            previous = line
        }
        return colors
    }
}

struct PNGError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
