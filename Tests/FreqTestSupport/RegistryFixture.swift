import Foundation

/// A scratch repository laid out as a small registry, for end-to-end tests.
public enum RegistryFixture {
    public static let config = """
        requests: "requests/*.md"
        exclude: ["requests/README.md"]
        front_matter: request.schema.json
        id:
          field: id
          pattern: "^FR-[0-9]{4}$"
          filename: "{id}-*.md"
        status:
          field: status
          initial: new
          categories:
            open: [new, triaged]
            actioned: [planned, shipped]
            declined: [declined]
            excluded: [duplicate]
          transitions:
            new: [triaged, planned, declined, duplicate]
            triaged: [planned, declined, duplicate]
            planned: [shipped, declined]
        duplicate_of: duplicate_of

        """

    public static let schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["id", "title", "status"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string"},
            "title": {"type": "string", "minLength": 3},
            "status": {"enum": ["new", "triaged", "planned", "shipped", "declined", "duplicate"]},
            "area": {"enum": ["billing", "export", "search"]},
            "severity": {"type": "integer", "minimum": 1, "maximum": 4},
            "created": {"type": "string", "format": "date"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "duplicate_of": {"type": "string"},
            "requested_by": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["customer"],
                "properties": {
                  "customer": {"type": "string"},
                  "segment": {"type": "string"},
                  "arr": {"type": "integer"},
                  "ticket": {"type": "string", "format": "uri"}
                }
              }
            }
          }
        }

        """

    /// A new repository with the configuration and schema committed first.
    public static func make() throws -> ScratchRepository {
        let scratch = try ScratchRepository()
        try scratch.write("schema/registry.yml", config)
        try scratch.write("schema/request.schema.json", schema)
        try scratch.commit("configure the registry")
        return scratch
    }

    /// A request file's text.
    public static func request(_ id: String, status: String, title: String = "Export invoices", extra: String = "") -> String {
        "---\nid: \(id)\ntitle: \(title)\nstatus: \(status)\n\(extra)---\n\nBody of \(id).\n"
    }
}
