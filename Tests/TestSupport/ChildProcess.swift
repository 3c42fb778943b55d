import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A child process started with `posix_spawn`, for the tests' peers (python3, aiosmtpd, the
/// `wegweiser` executable).
///
/// Not Foundation's `Process`: on Linux its `run()` lists `/proc/self/fd` to close inherited
/// descriptors, copying each directory entry as a whole 256-byte `d_name`, which reads past the
/// end of glibc's buffer once it is full (swift-corelibs-foundation PR #5472, not in Swift 6.3.1).
/// With some 1,400 descriptors open, as this suite has at its peak of parallel servers, that
/// crashed the test run with SIGSEGV now and then. Here the child closes every descriptor above
/// 2 with glibc's `closefrom` file action instead, and starts with an empty signal mask and
/// default signal handlers.
public final class ChildProcess: Sendable {
    /// Where a standard stream of the child goes.
    public enum Stream: Sendable {
        /// This process's own.
        case inherit
        /// `/dev/null`.
        case null
        /// A pipe this process reads (`output` or `errors`).
        case pipe
        /// Appended to the file at this path (created when missing).
        case file(String)
        /// This open descriptor of the parent (not closed here).
        case descriptor(Int32)
    }

    public struct SpawnFailed: Error, CustomStringConvertible {
        public let description: String
    }

    public let processIdentifier: pid_t

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34), which the Glibc module does not export.
    private static let addClosefrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            fatalError("glibc older than 2.34: no posix_spawn_file_actions_addclosefrom_np")
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// glibc's `pipe2`, which the Glibc module does not export: both ends close on exec from the
    /// start, so a child spawned meanwhile by another thread cannot inherit them.
    private static let pipe2: @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else { fatalError("glibc without pipe2") }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    }()
    /// The read ends of the `.pipe` streams.
    public let output: PipeReader?
    public let errors: PipeReader?
    /// The wait status once the child was reaped.
    private let status = Mutex<Int32?>(nil)

    /// Starts `executable` with `arguments`; `environment` is added to this process's own, and
    /// `directory` becomes the child's working directory (through `env -C`).
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
        stdin: Stream = .null, stdout: Stream = .inherit, stderr: Stream = .inherit
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var childEnds: [Int32] = []
        defer { for fd in childEnds { close(fd) } }
        var readers: [PipeReader?] = []
        for (stream, target) in [(stdin, Int32(0)), (stdout, 1), (stderr, 2)] {
            var reader: PipeReader?
            switch stream {
            case .inherit: break
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            case .descriptor(let fd):
                posix_spawn_file_actions_adddup2(&actions, fd, target)
            case .pipe:
                var ends: [Int32] = [0, 0]
                guard Self.pipe2(&ends, O_CLOEXEC) == 0 else { throw SpawnFailed(description: "pipe2: errno \(errno)") }
                childEnds.append(ends[1])
                reader = PipeReader(descriptor: ends[0])
                posix_spawn_file_actions_adddup2(&actions, ends[1], target)
            }
            if target > 0 { readers.append(reader) }
        }
        output = readers[0]
        errors = readers[1]

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // Its own process group, as Foundation does: a Ctrl-C at the terminal reaches only the tests.
        posix_spawnattr_setpgroup(&attributes, 0)
        guard Self.addClosefrom(&actions, 3) == 0 else { throw SpawnFailed(description: "closefrom: errno \(errno)") }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let command = directory.map { ["/usr/bin/env", "-C", $0, executable] } ?? [executable]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = variables.map { strdup("\($0)=\($1)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnFailed(description: "posix_spawn \(command[0]): \(String(cString: strerror(result)))") }
        processIdentifier = pid
    }

    deinit {
        if isRunning {
            kill(processIdentifier, SIGKILL)
            waitForExit()
        }
    }

    /// Both `.pipe` streams until the child closes them, read side by side on this thread (with
    /// `poll`): a child that fills one pipe while the other is read would otherwise wait for ever,
    /// and a helper thread could be starved on the two-thread pool that runs the tests.
    public func readOutputToEnd() -> (output: Data, errors: Data) {
        var collected: [Int32: Data] = [:]
        var open = [output, errors].compactMap { $0 }
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 || errno == EINTR else { break }
            for (index, entry) in fds.enumerated().reversed() where entry.revents != 0 {
                let chunk = open[index].next()
                if chunk.isEmpty { open.remove(at: index) } else { collected[entry.fd, default: Data()].append(chunk) }
            }
        }
        return (output.flatMap { collected[$0.descriptor] } ?? Data(), errors.flatMap { collected[$0.descriptor] } ?? Data())
    }

    /// Whether the child has not ended yet (reaping it once it has).
    public var isRunning: Bool {
        status.withLock { status in
            if status != nil { return false }
            var raw: Int32 = 0
            switch waitpid(processIdentifier, &raw, WNOHANG) {
            case processIdentifier: status = raw
            // Reaped by someone else: gone, with an unknown status (255).
            case -1 where errno == ECHILD: status = 0xff00
            default: break
            }
            return status == nil
        }
    }

    /// Waits for the child to end. No timer is involved, so it works under libfaketime.
    public func waitForExit() {
        while isRunning { usleep(5_000) }
    }

    public func signal(_ signal: Int32) {
        if isRunning { kill(processIdentifier, signal) }
    }

    /// The exit status once the child ended (`waitForExit`); for a child ended by a signal, 128
    /// plus its number, as a shell says.
    public var terminationStatus: Int32 {
        let raw = status.withLock { $0 } ?? 0
        return raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }

    /// Whether a signal ended the child.
    public var wasSignalled: Bool {
        let raw = status.withLock { $0 } ?? 0
        return raw & 0x7f != 0 && raw & 0x7f != 0x7f
    }
}

/// The read end of a child's output pipe; closed when released.
public final class PipeReader: Sendable {
    public let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// What the child wrote next, waiting for it; empty at end of file.
    public func next() -> Data {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count >= 0 { return Data(buffer[0..<count]) }
            if errno != EINTR { return Data() }
        }
    }

    /// Everything until the child closes its end.
    public func readToEnd() -> Data {
        var data = Data()
        while true {
            let chunk = next()
            if chunk.isEmpty { return data }
            data.append(chunk)
        }
    }
}
