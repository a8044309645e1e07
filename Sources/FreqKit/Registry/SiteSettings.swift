import Foundation
import Yams

/// The `site:` block of `registry.yml`: what `freq site` needs that the registry itself
/// does not say.
public struct SiteSettings: Sendable, Hashable {
    /// The site's name, shown on every page (default: "Feature requests").
    public var title = "Feature requests"
    /// Where a request's file can be read on the git host: `{path}` (the file's path,
    /// each segment percent-encoded) and `{rev}` (the 40-hex revision) are filled in, e.g.
    /// `https://github.com/OWNER/REPO/blob/{rev}/{path}`. Nil: no link.
    public var fileURL: String?
    /// The statuses that mean "shipped" for the changelog (default: the last status of
    /// the `actioned` category).
    public var shipped: [String]?

    public init() {}
}

extension ConfigReader {
    /// The `site:` block, its values checked: a file URL is an http(s) address holding
    /// `{path}`, shipped statuses are statuses of the workflow.
    mutating func readSite(_ node: Node?, categories: [StatusCategory: [String]]) throws(ConfigError) -> SiteSettings {
        var settings = SiteSettings()
        for (key, keyNode, value) in try mapping(node, "site") {
            locations["site.\(key)"] = YAMLScan.location(of: keyNode)
            switch key {
            case "title":
                let title = (try scalar(value, "site.title") ?? "").trimmingCharacters(in: .whitespaces)
                guard !title.isEmpty else { throw error(value, "`site.title` must not be empty") }
                settings.title = title
            case "file_url":
                let url = try scalar(value, "site.file_url") ?? ""
                guard url.hasPrefix("https://") || url.hasPrefix("http://"), url.contains("{path}") else {
                    throw error(value, "`site.file_url` must be an http(s) address with `{path}` in it, e.g. \"https://github.com/OWNER/REPO/blob/{rev}/{path}\"")
                }
                settings.fileURL = url
            case "shipped":
                let statuses = try list(value, "site.shipped")
                let known = Set(categories.values.joined())
                for status in statuses where !known.contains(status) {
                    let hint = Suggestion.nearest(to: status, among: known).map { " (did you mean `\($0)`?)" } ?? ""
                    throw error(value, "`site.shipped` names `\(status)`, which is not a status of the workflow\(hint)")
                }
                settings.shipped = statuses
            default:
                let known = ["title", "file_url", "shipped"]
                let hint = Suggestion.nearest(to: key, among: known).map { " (did you mean `\($0)`?)" } ?? ""
                throw error(keyNode, "unknown setting `site.\(key)`\(hint); known: \(known.joined(separator: ", "))")
            }
        }
        return settings
    }
}

extension RegistryConfig {
    /// The statuses the changelog lists as shipped.
    public var shippedStatuses: [String] {
        site.shipped ?? (categories[.actioned]?.last).map { [$0] } ?? []
    }
}
