import Foundation
import SchedulingCore

/// The wall clock, read at the edge and handed to the pure core as a value.
public enum SystemClock {
    public static func now() -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}
