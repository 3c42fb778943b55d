import Notifier
import ServiceLifecycle

/// Runs the notifier's timer for as long as the server runs. It stops last, after the booking
/// engine has drained; mail still pending then is sent after the next start.
struct NotifierService: Service {
    let notifier: Notifier

    func run() async throws {
        notifier.start()
        try? await gracefulShutdown()
        notifier.stop()
    }
}
