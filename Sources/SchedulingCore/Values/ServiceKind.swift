/// The counselling service an advisory slot offers.
public enum ServiceKind: String, CaseIterable, Sendable {
    /// Migrationsberatung für erwachsene Zugewanderte (adult migration counselling).
    case mbe
    /// Jugendmigrationsdienst (youth migration service).
    case jmd
    case social
    case courseGuidance = "course-guidance"
}
