/// A staff invitation's link as commands other than `serve` print it: on `--public-url`, else on
/// `WEGWEISER_PUBLIC_URL` as `serve` reads it, else on `serve`'s default address.
enum InvitationLink {
    static func make(_ secret: String, publicURL: String? = nil) -> String {
        var base = publicURL ?? Environment.value(forFlag: "public-url") ?? "http://127.0.0.1:8080"
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/staff/invitation/" + secret
    }
}
