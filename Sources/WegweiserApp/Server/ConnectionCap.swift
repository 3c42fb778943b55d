import Logging
import NIOCore
import Synchronization

/// At most `limit` connections at once: one more is closed as soon as it opens, so a client
/// holding thousands of sockets cannot take the server's descriptors. The count is shared by
/// every connection's copy of the handler.
final class ConnectionCap: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    final class Count: Sendable {
        let limit: Int
        let logger: Logger
        private let open = Atomic<Int>(0)

        init(limit: Int, logger: Logger) {
            self.limit = limit
            self.logger = logger
        }

        /// Takes a place; `false` when none is free (and none was taken).
        func take() -> Bool {
            let now = open.wrappingAdd(1, ordering: .relaxed).newValue
            guard now <= limit else {
                open.wrappingSubtract(1, ordering: .relaxed)
                return false
            }
            return true
        }

        func give() { open.wrappingSubtract(1, ordering: .relaxed) }
    }

    private let count: Count
    /// Whether this connection was counted, and whether it holds a place.
    private let decided = Atomic<Bool>(false)
    private let holds = Atomic<Bool>(false)

    init(count: Count) {
        self.count = count
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        context.fireChannelActive()
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard !decided.exchange(true, ordering: .relaxed) else { return }
        if count.take() {
            holds.store(true, ordering: .relaxed)
        } else {
            count.logger.warning("connection refused: the server holds its maximum of connections", metadata: [
                "limit": "\(count.limit)", "address": "\(context.remoteAddress?.ipAddress ?? "-")",
            ])
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if holds.exchange(false, ordering: .relaxed) { count.give() }
    }
}
