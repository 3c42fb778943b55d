/// The kinds of language course: the BAMF integration-course types and job-related courses.
public enum CourseKind: String, CaseIterable, Sendable {
    case general, women, parents, youth, literacy
    case secondScript = "second-script"
    case intensive, support
    case jobLanguage = "job-language"
}
