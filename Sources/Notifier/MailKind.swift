/// What a mail tells the participant: one template per kind and language.
public enum MailKind: String, CaseIterable, Sendable {
    case confirmed, waitlisted, promoted, cancelled, reminder
    /// The provider gave the seat to the waiting list after absences; says why and whom to call.
    case released
}
