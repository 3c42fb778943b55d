/// A WGS84 position.
public struct Coordinate: Hashable, Sendable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Rounded to three decimals: about 110 m north to south and 70 m east to west here, close
    /// enough to rank offers by distance and too coarse to point at a house.
    public var roundedToAbout100Metres: Coordinate {
        Coordinate(latitude: (latitude * 1000).rounded() / 1000, longitude: (longitude * 1000).rounded() / 1000)
    }

    /// Great-circle distance in kilometres (haversine; ample for distances within a city).
    public func distanceKm(to other: Coordinate) -> Double {
        let rad = Double.pi / 180
        let dLat = (other.latitude - latitude) * rad
        let dLon = (other.longitude - longitude) * rad
        let a = sinSquared(dLat / 2)
            + cosine(latitude * rad) * cosine(other.latitude * rad) * sinSquared(dLon / 2)
        return 2 * 6371.0088 * arcsine(a.squareRoot())
    }
}

// Foundation's trigonometry is reached through Glibc or Darwin; these small wrappers keep the
// one platform switch in one place.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func sinSquared(_ x: Double) -> Double {
    let s = sin(x)
    return s * s
}

private func cosine(_ x: Double) -> Double { cos(x) }

private func arcsine(_ x: Double) -> Double { asin(min(1, x)) }
