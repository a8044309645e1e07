/// The `adr` preset: architecture decision records, one numbered file per decision in
/// `docs/adr/`, with a small front matter (MADR style) that freq can check and count.
enum ADRPreset {
    static let files = PresetFiles(
        registry: registry, schema: schema, template: template, contributing: contributing,
        pullRequestTemplate: pullRequestTemplate, noun: "ADR", nextSteps: nextSteps)

    static let registry = #"""
        # freq registry configuration: architecture decision records.
        #
        # Tells `freq` where the records live, which schema their front matter follows,
        # and how the status workflow goes. Edit it to fit your team: nothing in freq
        # hard-codes these names. Paths are relative to the repository root unless noted.

        # Which files are records: a glob from the repository root.
        requests: "docs/adr/*.md"

        # The catalogue `freq index` writes is docs/adr/README.md; it is not a record.
        exclude: ["docs/adr/README.md"]

        # The JSON Schema (draft 2020-12) for the front matter, relative to THIS file. It may
        # refer to other schema files of its folder ("$ref": "customer.schema.json#/$defs/entry");
        # freq reads nothing outside the folder and never fetches a schema from the network.
        front_matter: request.schema.json

        # Optional. Whether `format` in the schema is checked (`assert`: a date must be a real
        # date, a ticket link a URI) or only describes the value (`annotate`). Default: assert.
        # formats: assert

        # How a record is identified: four digits, also at the start of the file name.
        id:
          field: id
          pattern: "^[0-9]{4}$"
          filename: "{id}-*.md"

        # The workflow. Every status belongs to exactly one category; the statistics count
        # by category: a decision once accepted counts as actioned, even when a later one
        # deprecates or supersedes it.
        status:
          field: status
          initial: proposed
          # A record may also be written down once decided (an accepted decision recorded
          # after the fact).
          entry: [proposed, accepted]
          categories:
            open: [proposed]
            actioned: [accepted, deprecated, superseded]
            declined: [rejected]
          # Which status may follow which; `freq check --base` enforces it on pull requests.
          # A status not listed here may not be left.
          transitions:
            proposed: [accepted, rejected]
            accepted: [deprecated, superseded]
            rejected: [proposed]        # reopened

        # How alike two titles must be (0 to 1) for `freq new` and `freq check` to name the
        # older record as a possible duplicate.
        similar_titles: 0.6

        # The front-matter names of the fields the commands show and write, where they
        # differ from freq's defaults.
        fields:
          created: date
          submitted_by: author

        """#

    static let schema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$comment": "The front matter of an architecture decision record. Edit freely: freq reads field names from here and from registry.yml.",
          "title": "Architecture decision record",
          "type": "object",
          "required": ["id", "title", "status", "date"],
          "additionalProperties": false,
          "properties": {
            "id": { "description": "Four digits; the file name starts with them.", "type": "string", "pattern": "^[0-9]{4}$" },
            "title": { "description": "The decision, in a few words.", "type": "string", "minLength": 5, "maxLength": 120 },
            "status": { "enum": ["proposed", "accepted", "rejected", "deprecated", "superseded"] },
            "date": { "description": "When it was last decided, YYYY-MM-DD.", "type": "string", "format": "date" },
            "author": { "description": "Who wrote it down.", "type": "string", "minLength": 1 },
            "deciders": { "description": "Who decided.", "type": "array", "items": { "type": "string", "minLength": 1 } },
            "superseded_by": { "description": "Only when superseded: the record that replaces it.", "type": "string", "pattern": "^[0-9]{4}$" },
            "tags": { "type": "array", "items": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$" }, "uniqueItems": true }
          }
        }

        """#

    static let template = #"""
        ---
        id: "0000"             # the next free number, four digits, quoted: `freq new` picks it for you
        title: Short description of the decision
        status: proposed       # proposed, accepted, rejected, deprecated or superseded
        date: 2026-01-01       # YYYY-MM-DD
        author: your.name
        deciders: []
        tags: []
        ---

        ## Context

        What forces us to decide, and what we know.

        ## Decision

        What we decided.

        ## Consequences

        What becomes easier, and what becomes harder.

        """#

    static let pullRequestTemplate = #"""
        <!--
        Adding or changing a decision record? Fill in the list.
        CI runs `freq check` on this pull request and posts what it changes as a comment.
        -->

        ## What this changes

        <!-- One line: the record (0000) and the decision. -->

        ## Checklist

        - [ ] One decision per file: a new record is a new file `docs/adr/NNNN-a-few-words.md`, nothing else in it
        - [ ] The `id:` is the four digits the file name starts with, quoted (`id: "0007"`)
        - [ ] A decision that replaces an older one sets the older one to `superseded` with `superseded_by`
        - [ ] I ran `freq validate` (or `freq check --base origin/main`) and it reports no errors
        - [ ] I did not edit `docs/adr/README.md` (it is regenerated after every merge)

        """#

    static let contributing = #"""
        ## Architecture decision records

        Decisions live in `docs/adr/`, one file per decision, numbered
        (`docs/adr/0007-use-postgres.md` holds `id: "0007"`), with a small front matter
        that `freq` checks on every pull request. `docs/adr/README.md`, the catalogue, is
        regenerated after every merge: do not edit it.

        ### Proposing a decision

        1. Run `freq new --title "Use PostgreSQL for orders"`, which picks the next number
           and writes the file, or copy `schema/template.md` to
           `docs/adr/NNNN-a-few-words.md` with the next free number.
        2. Fill in the context, the decision and its consequences; keep
           `status: proposed` (or `accepted` when you record a decision already taken).
        3. Open a pull request. Its check names any line that is wrong and how to fix it.

        ### Deciding

        - Accept or reject in its own commit, with a message that says why:
          `freq move 0007 accepted`. A later decision that replaces it:
          `freq move 0007 superseded`, and add `superseded_by: "0012"`.
        - `schema/registry.yml` lists the moves (proposed → accepted or rejected; accepted →
          deprecated or superseded); `freq check` refuses others.
        - `freq list --status proposed` shows what waits for a decision; `freq stats` how
          long deciding takes, from the git history.

        Never reuse a number, never delete a record: supersede or deprecate it.

        """#

    static let nextSteps = #"""
        Next, for whoever proposes a decision (CONTRIBUTING.md has the steps):
          freq new --title "..."            a new record as docs/adr/NNNN-....md, the next number
          freq list --search "WORDS"        find an earlier decision on the same subject
        then open a pull request: CI checks it and comments with what it changes.

        Next, for whoever decides:
          schema/registry.yml               the statuses and the moves between them
          freq move 0001 accepted           a decision, in its own commit
          freq stats                        how many records get accepted, and how fast

        """#
}
