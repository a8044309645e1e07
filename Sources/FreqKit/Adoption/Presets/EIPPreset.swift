/// The `eip` preset: improvement proposals in the style of Ethereum's EIPs, one file per
/// proposal in `EIPS/`, numbered, with the EIP statuses.
enum EIPPreset {
    static let files = PresetFiles(
        registry: registry, schema: schema, template: template, contributing: contributing,
        pullRequestTemplate: pullRequestTemplate, noun: "EIP", nextSteps: nextSteps)

    static let registry = #"""
        # freq registry configuration: improvement proposals, EIP style.
        #
        # Tells `freq` where the proposals live, which schema their front matter follows,
        # and how the status workflow goes. Edit it to fit your team: nothing in freq
        # hard-codes these names. Paths are relative to the repository root unless noted.

        # Which files are proposals: a glob from the repository root.
        requests: "EIPS/eip-*.md"

        # The catalogue `freq index` writes is EIPS/README.md; it is not a proposal.
        exclude: ["EIPS/README.md"]

        # The JSON Schema (draft 2020-12) for the front matter, relative to THIS file. It may
        # refer to other schema files of its folder ("$ref": "customer.schema.json#/$defs/entry");
        # freq reads nothing outside the folder and never fetches a schema from the network.
        front_matter: request.schema.json

        # Optional. Whether `format` in the schema is checked (`assert`: a date must be a real
        # date, a ticket link a URI) or only describes the value (`annotate`). Default: assert.
        # formats: assert

        # How a proposal is identified: its number, in the `eip` field and the file name.
        id:
          field: eip
          pattern: "^[0-9]+$"
          filename: "eip-{id}.md"

        # The workflow. Every status belongs to exactly one category; the statistics count
        # by category (open, actioned, declined, excluded).
        status:
          field: status
          initial: Draft
          categories:
            open: [Draft, Review, Last Call, Stagnant]
            actioned: [Final, Living]
            declined: [Withdrawn]
          # Which status may follow which; `freq check --base` enforces it on pull requests.
          # A status not listed here may not be left (Final, Withdrawn and Living are final).
          transitions:
            Draft: [Review, Stagnant, Withdrawn]
            Review: [Draft, Last Call, Living, Stagnant, Withdrawn]
            Last Call: [Review, Final, Stagnant, Withdrawn]
            Stagnant: [Draft, Review, Withdrawn]   # revived by its authors

        # How alike two titles must be (0 to 1) for `freq new` and `freq check` to name the
        # older proposal as a possible duplicate.
        similar_titles: 0.6

        # The front-matter names of the fields the commands show and write, where they
        # differ from freq's defaults: `freq new` writes the author from git's user.name.
        fields:
          submitted_by: author

        """#

    static let schema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$comment": "The front matter of an improvement proposal (EIP-1's preamble). Edit freely: freq reads field names from here and from registry.yml.",
          "title": "Improvement proposal",
          "type": "object",
          "required": ["eip", "title", "description", "author", "status", "type", "created"],
          "additionalProperties": false,
          "properties": {
            "eip": {
              "description": "The proposal's number; the file is eip-<number>.md.",
              "type": ["integer", "string"],
              "minimum": 1,
              "pattern": "^[1-9][0-9]*$"
            },
            "title": { "description": "A few words, without the number.", "type": "string", "minLength": 2, "maxLength": 80 },
            "description": { "description": "One sentence.", "type": "string", "minLength": 2, "maxLength": 200 },
            "author": {
              "description": "Names, each with an email in <> or a GitHub handle in (@...), separated by commas.",
              "type": "string",
              "minLength": 1
            },
            "discussions-to": { "description": "Where it is discussed.", "type": "string", "format": "uri" },
            "status": { "enum": ["Draft", "Review", "Last Call", "Final", "Stagnant", "Withdrawn", "Living"] },
            "last-call-deadline": { "description": "Only in Last Call: when it ends, YYYY-MM-DD.", "type": "string", "format": "date" },
            "type": { "enum": ["Standards Track", "Meta", "Informational"] },
            "category": { "description": "Standards Track only.", "enum": ["Core", "Networking", "Interface", "ERC"] },
            "created": { "description": "YYYY-MM-DD.", "type": "string", "format": "date" },
            "requires": {
              "description": "Numbers of the proposals this one builds on.",
              "oneOf": [
                { "type": "integer", "minimum": 1 },
                { "type": "array", "items": { "type": "integer", "minimum": 1 }, "uniqueItems": true }
              ]
            },
            "withdrawal-reason": { "description": "Only when Withdrawn: why.", "type": "string" }
          }
        }

        """#

    static let template = #"""
        ---
        eip: 0                 # the next free number: `freq new` picks it for you
        title: A few words without the number
        description: One sentence that says what the proposal does
        author: Your Name <you@example.com>
        discussions-to: https://example.com/discussions/0
        status: Draft
        type: Standards Track  # Standards Track, Meta or Informational
        category: Core         # Standards Track only: Core, Networking, Interface or ERC
        created: 2026-01-01    # today, YYYY-MM-DD
        ---

        ## Abstract

        What the proposal does, in a few sentences.

        ## Motivation

        Why the current state is not enough.

        ## Specification

        What exactly changes.

        ## Rationale

        Why this design, and which others were considered.

        """#

    static let pullRequestTemplate = #"""
        <!--
        Adding or updating a proposal? Fill in the list.
        CI runs `freq check` on this pull request and posts what it changes as a comment.
        -->

        ## What this changes

        <!-- One line: the proposal (EIP-....) and what happens to it. -->

        ## Checklist

        - [ ] One proposal per file: a new proposal is a new file `EIPS/eip-<number>.md`, nothing else in it
        - [ ] The `eip:` number is the one in the file name
        - [ ] A new proposal starts as `Draft`; a status moves one step at a time (`schema/registry.yml` lists them)
        - [ ] I ran `freq validate` (or `freq check --base origin/main`) and it reports no errors
        - [ ] I did not edit `EIPS/README.md` (it is regenerated after every merge)

        """#

    static let contributing = #"""
        ## Improvement proposals

        Proposals live in `EIPS/`, one file per proposal, named after its number
        (`EIPS/eip-7.md` holds `eip: 7`), with a preamble of fields on top that `freq`
        checks on every pull request. `EIPS/README.md`, the catalogue, is regenerated after
        every merge: do not edit it.

        ### For authors (and support, passing on what customers ask for)

        1. Copy `schema/template.md` to `EIPS/eip-<number>.md`, with the next free number
           (the highest in `EIPS/`, plus one), or run `freq new --title "..."`, which picks
           the number and writes the file.
        2. Fill in the preamble (the allowed values are written next to each field) and the
           sections; keep `status: Draft`.
        3. Open a pull request. Its check names any line that is wrong and how to fix it;
           fix it and push again.

        ### For editors: status changes

        - Move a proposal one step at a time, in its own commit, with a message that says
          why: `freq move 7 Review`, then `Last Call`, then `Final` (or `Stagnant`,
          `Withdrawn`). `schema/registry.yml` lists the moves; `freq check` refuses others.
        - `freq list --status Review` shows what waits; `freq stats` how many proposals
          reach `Final` or `Living`, and how long it takes, from the git history.

        Never reuse a number, never delete a proposal: withdraw it with a status.

        """#

    static let nextSteps = #"""
        Next, for authors (CONTRIBUTING.md has the steps):
          freq new --title "..."            a new proposal as EIPS/eip-N.md, the next free number
          freq list --search "WORDS"        find one before writing it again
        then open a pull request: CI checks it and comments with what it changes.

        Next, for editors:
          schema/request.schema.json        the preamble's fields and their allowed values
          schema/registry.yml               the statuses and the moves between them
          freq move 1 Review                a status change, in its own commit
          freq stats                        how many proposals reach Final, and how fast

        """#
}
