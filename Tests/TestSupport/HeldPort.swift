import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP port that this test owns from the moment it is chosen: a socket bound to
/// 127.0.0.1 on a port the kernel picks, kept open until the test is done.
///
/// Picking a free port and closing it again leaves a window in which another test can take it.
/// A held port has no such window: the socket is handed to the server that listens on it
/// (`SMTPSink`), and until then a connection to it is refused, as to a server that is down.
public final class HeldPort: Sendable {
    /// The port number.
    public let number: Int
    /// The bound socket's descriptor, open until `deinit`.
    public let descriptor: Int32

    public init() throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw HeldPortError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw HeldPortError.bind(code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw HeldPortError.bind(code)
        }
        descriptor = fd
        number = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}

enum HeldPortError: Error {
    case socket(Int32), bind(Int32)
}
