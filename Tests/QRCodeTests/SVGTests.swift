import Foundation
import Testing
@testable import QRCode

@Suite struct SVGTests {
    static let code = try! QRCode.encode("https://wegweiser.example.org/b/Zm9vYmFyYmF6cXV4", correction: .medium)
    static let label = #"Tom & Jerry's <"booking">"#

    @Test func svgIsAnAccessibleImageWithTheEscapedLabel() {
        let svg = Self.code.svg(label: Self.label)
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" "#))
        #expect(svg.contains(#"role="img""#))
        #expect(svg.contains(#"aria-label="Tom &amp; Jerry&#39;s &lt;&quot;booking&quot;&gt;""#))
        #expect(!svg.contains("Jerry's"))
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test func viewBoxCoversSymbolAndQuietZoneAtTheModuleSize() {
        let side = (Self.code.size + 2 * 2) * 3
        let svg = Self.code.svg(moduleSize: 3, quietZone: 2, label: "x")
        #expect(svg.contains(#"viewBox="0 0 \#(side) \#(side)" width="\#(side)" height="\#(side)""#))
        let defaults = Self.code.svg(label: "x")
        let defaultSide = (Self.code.size + 8) * 4
        #expect(defaults.contains(#"viewBox="0 0 \#(defaultSide) \#(defaultSide)""#))
    }

    @Test func svgHasAWhiteBackgroundAndExactlyOneCrispBlackPath() {
        let svg = Self.code.svg(label: "x")
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(svg.contains(##"<rect width="100%" height="100%" fill="#fff"/>"##))
        #expect(svg.contains(##"<path fill="#000" shape-rendering="crispEdges" d="M"##))
    }

    /// Reads the path's `M x y h w v h h-w z` rectangles back into modules.
    @Test func pathPaintsExactlyTheDarkModules() throws {
        let moduleSize = 5, quietZone = 3
        let svg = Self.code.svg(moduleSize: moduleSize, quietZone: quietZone, label: "x")
        let d = try #require(svg.range(of: #"d="([^"]*)""#, options: .regularExpression))
        let path = svg[d].dropFirst(3).dropLast()
        let size = Self.code.size
        var painted = [Bool](repeating: false, count: size * size)
        var rectangles = 0
        for rectangle in path.split(separator: "z") {
            let numbers = rectangle.split(whereSeparator: { "Mhv ".contains($0) }).map { Int($0)! }
            try #require(numbers.count == 5, "\(rectangle)")
            let (x, y, width, height, back) = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])
            #expect(height == moduleSize && back == -width && width > 0 && width % moduleSize == 0)
            let row = y / moduleSize - quietZone, column = x / moduleSize - quietZone
            for offset in 0..<(width / moduleSize) {
                #expect(!painted[row * size + column + offset], "painted twice")
                painted[row * size + column + offset] = true
            }
            rectangles += 1
        }
        let expected = (0..<size * size).map { Self.code[$0 % size, $0 / size] }
        #expect(painted == expected)
        #expect(rectangles < expected.filter { $0 }.count, "horizontal runs are merged")
    }
}
