/// The `features` preset: customer feature requests, as in freq's own repository.
enum FeaturesPreset {
    static let files = PresetFiles(
        registry: registry, schema: schema, template: template, contributing: contributing,
        pullRequestTemplate: pullRequestTemplate, noun: "request", nextSteps: nextSteps)

    static let registry = #"""
        # freq registry configuration.
        #
        # This file tells `freq` where the requests live, which schema their front matter
        # follows, and how the status workflow goes. Edit it to fit your team: nothing in freq
        # hard-codes these names. Paths are relative to the repository root unless noted.

        # Which files are requests: a glob from the repository root.
        #   *  and ?  match within one folder name;  **/  matches any number of folders.
        #   One folder per request works too:  requests: "CIP-*/README.md"
        requests: "requests/*.md"

        # Files that match the glob above but are not requests (the catalogue `freq index` writes).
        exclude: ["requests/README.md"]

        # The JSON Schema (draft 2020-12) for the front matter, relative to THIS file. It may
        # refer to other schema files of its folder ("$ref": "customer.schema.json#/$defs/entry");
        # freq reads nothing outside the folder and never fetches a schema from the network.
        front_matter: request.schema.json

        # Optional. Whether `format` in the schema is checked (`assert`: a date must be a real
        # date, a ticket link a URI) or only describes the value (`annotate`). Default: assert.
        # formats: assert

        # Optional. What support copies to start a request, relative to THIS file (default:
        # template.md beside it, when there is one). A value still equal to one of its
        # placeholders is a `template-placeholder` warning.
        # template: template.md

        # How a request is identified.
        id:
          field: id                     # the front-matter key holding the id
          pattern: "^FR-[0-9]{4,}$"     # what an id looks like (a regular expression)
          filename: "{id}-*.md"         # the file name must start with the id

        # The workflow. Every status belongs to exactly one category; the statistics count
        # by category, so renaming or adding a status only needs a change here.
        status:
          field: status
          initial: new                  # the status a new request starts in (`freq new`)
          # Optional. The statuses a request may have when it is filed (default: the initial one);
          # `freq check` refuses a new request born `planned` or `shipped`.
          # entry: [new]
          # Optional. Moves into these statuses need a reason in the file (`freq move ID declined
          # --reason "..."`), so what the customers are told is written down with the decision.
          reason_required: [declined]
          categories:
            open: [new, triaged]                      # waiting for a decision
            actioned: [planned, in-progress, shipped] # product decided to act: counts as actioned
            declined: [declined]                      # product decided not to act
            excluded: [duplicate]                     # left out of the rates altogether
          # Optional. Which status may follow which; `freq check --base` enforces it on pull
          # requests. A status not listed here may not be left. Remove this block to allow any move.
          transitions:
            new: [triaged, planned, declined, duplicate]
            triaged: [planned, declined, duplicate]
            planned: [in-progress, declined]
            in-progress: [shipped, planned]
            declined: [triaged]                       # reopen a decision made by mistake
            duplicate: [triaged]                      # not a duplicate after all

        # Optional. The field that names the canonical request of a duplicate; it must be
        # present exactly when the status is in the `excluded` category.
        duplicate_of: duplicate_of

        # Optional. Change how strict a rule is: error, warning or off. `freq rules` lists them.
        # rules:
        #   filename: warning
        #   unknown-key: off

        # Optional. How alike two titles must be (0 to 1) for `freq new` and `freq check` to
        # name the older request as a possible duplicate.
        similar_titles: 0.6

        # Optional. The front-matter names of the fields the commands show and write, when
        # yours differ from the defaults (the README lists what each is used for).
        # fields:
        #   title: title
        #   customers: requested_by     # the list of customers who asked
        #   customer: customer          # the name inside each entry

        """#

    static let schema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$comment": "The front matter of a feature request. Edit freely: freq reads field names from here and from registry.yml. additionalProperties false makes a typo such as `stauts:` an error instead of a silently ignored field.",
          "title": "Feature request",
          "type": "object",
          "required": ["id", "title", "status", "created", "area", "severity", "requested_by"],
          "additionalProperties": false,
          "properties": {
            "id": {
              "description": "FR- and at least four digits; the file name starts with it.",
              "type": "string",
              "pattern": "^FR-[0-9]{4,}$"
            },
            "title": {
              "description": "What the customer wants, in a few words.",
              "type": "string",
              "minLength": 5,
              "maxLength": 120
            },
            "status": {
              "description": "Where the request is in the workflow (see registry.yml).",
              "enum": ["new", "triaged", "planned", "in-progress", "shipped", "declined", "duplicate"]
            },
            "created": {
              "description": "The day the request was first written down, YYYY-MM-DD.",
              "type": "string",
              "format": "date"
            },
            "area": {
              "description": "The part of the product it concerns. Add your own areas here.",
              "enum": ["billing", "reporting", "integrations", "api", "web", "mobile", "security", "other"]
            },
            "severity": {
              "description": "1 = blocks the customer ... 4 = nice to have.",
              "type": "integer",
              "minimum": 1,
              "maximum": 4
            },
            "submitted_by": {
              "description": "Who wrote the request down (support handle).",
              "type": "string",
              "minLength": 1
            },
            "requested_by": {
              "description": "Every customer who asked for it. Add one entry per customer.",
              "type": "array",
              "minItems": 1,
              "items": { "$ref": "#/$defs/customer" }
            },
            "tags": {
              "type": "array",
              "items": { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$" },
              "uniqueItems": true
            },
            "duplicate_of": {
              "description": "Only when status is duplicate: the id of the request this one repeats.",
              "type": "string",
              "pattern": "^FR-[0-9]{4,}$"
            },
            "reason": {
              "description": "Why the request has its status, in a sentence the customers can be told (freq move --reason).",
              "type": "string",
              "minLength": 3,
              "maxLength": 500
            }
          },
          "$defs": {
            "customer": {
              "type": "object",
              "required": ["customer"],
              "additionalProperties": false,
              "properties": {
                "customer": { "description": "The customer's name.", "type": "string", "minLength": 1 },
                "segment": { "enum": ["enterprise", "mid-market", "smb", "internal", "community"] },
                "arr": { "description": "Annual recurring revenue, whole currency units.", "type": "integer", "minimum": 0 },
                "ticket": { "description": "Link to the support ticket.", "type": "string", "format": "uri" },
                "date": { "description": "When this customer asked, YYYY-MM-DD.", "type": "string", "format": "date" }
              }
            }
          }
        }

        """#

    static let template = #"""
        ---
        id: FR-0000            # the next free number: `freq new` picks it for you
        title: Short description of what the customer wants
        status: new
        created: 2026-01-01    # today, YYYY-MM-DD
        area: billing          # one of: billing, reporting, integrations, api, web, mobile, security, other
        severity: 3            # 1 (blocks the customer) .. 4 (nice to have)
        submitted_by: your.handle
        requested_by:
          - customer: Customer name
            segment: enterprise   # enterprise, mid-market, smb, internal or community
            arr: 0                # annual revenue of the customer, whole units; 0 if unknown
            ticket: https://support.example.com/tickets/0000
            date: 2026-01-01
        tags: []
        ---

        ## Problem

        What the customer is trying to do and what stops them, in their words.

        ## Workaround

        What they do today instead, if anything.

        """#

    static let pullRequestTemplate = #"""
        <!--
        Adding a feature request, or one more customer for an existing one? Fill in the list.
        CI runs `freq check` on this pull request and posts what it changes as a comment.
        -->

        ## What this changes

        <!-- One line: the request (FR-....) and who asked for it. -->

        ## Checklist

        - [ ] One request per file: a new request is a new file under `requests/`, nothing else in it
        - [ ] The file name starts with the request's id (`FR-0042-short-title.md` holds `id: FR-0042`)
        - [ ] I searched for an existing request first; if one exists I added the customer to it instead of a new file (`freq plus-one`)
        - [ ] The customer is listed under `requested_by` with a link to the support ticket
        - [ ] I ran `freq validate` (or `freq check --base origin/main`) and it reports no errors
        - [ ] I did not change a status, an id, or delete a request (product does that, in its own pull request)
        - [ ] I did not edit `requests/README.md` (it is regenerated after every merge)

        """#
}

extension FeaturesPreset {
    static let contributing = #"""
        ## Feature requests

        This repository keeps our customers' feature requests as small text files in
        `requests/`, one file per request, checked by `freq`. Every
        change is a pull request, so we always know who asked for what, and when product
        decided. You do not need to be an engineer to help.

        ### For support: a new request

        **On the web page of the repository** (no tools needed):

        1. Open `schema/template.md` and copy its whole text.
        2. In the `requests/` folder choose *Add file → Create new file*, named
           `FR-0000-a-few-words.md`: the next free number (the highest `FR-` number in the
           folder, plus one), then a few words of the title, lower-case, joined by `-`.
        3. Paste the template and fill it in: the same `id:` as the file name, `status: new`,
           `created:` today (`YYYY-MM-DD`), `area:` and `severity:` from the choices written
           next to them, and under `requested_by:` the customer, their segment, revenue
           (`arr`), ticket link and the date they asked. Replace the text under *Problem*
           with what the customer is trying to do, in their words.
        4. Choose *Create a new branch and start a pull request*.

        A check runs on every pull request. If it fails, its details name the file, the
        line, what is wrong and how to fix it; fix the line and commit again.

        **With `freq` installed**, `freq new` asks for everything (showing the allowed
        values), first shows requests with a similar title, picks the next free number,
        writes and checks the file, and prints the commands that open the pull request.

        ### For support: one more customer asks

        Every customer counts. Find the request (`freq list --search "export csv"`, or
        search the `requests/` folder), then either run `freq plus-one FR-0042`, or add a
        block under `requested_by:`, with the same indentation as the others (spaces, never
        tabs), and open a pull request:

              - customer: Globex
                segment: smb
                arr: 9000
                ticket: https://support.example.com/tickets/9001
                date: 2026-11-20

        ### For product: triage and decisions

        - **Review** support's pull requests like any other; the check comments with what
          each one changes, request by request (`freq diff main...HEAD` shows the same).
        - **Change a status** in its own commit with a message that says why:
          `freq move FR-0042 planned`. The statuses and the moves allowed between them are
          in `schema/registry.yml` (new → triaged → planned → in-progress → shipped, or
          declined, or duplicate); `freq check` refuses a move the workflow does not allow.
        - **Duplicates**: `freq move FR-0043 duplicate --duplicate-of FR-0042` also copies
          the customers to the request it repeats, so no demand is lost.
        - **The numbers**: `freq stats` shows what share of requests we acted on and how
          long triage and action took, month by month, from the git history.

        One request per file; never reuse or change an id, and never delete a request
        (close it with a status: its history is part of the statistics).
        `requests/README.md` is regenerated after every merge: do not edit it.

        """#

    static let nextSteps = #"""
        Next, for support (CONTRIBUTING.md has the steps without the tool, too):
          freq new                          add a request, asked for step by step
          freq list --search "WORDS"        find one before adding it again
          freq plus-one FR-0001             one more customer asks for it
        then open a pull request: CI checks it and comments with what it changes.

        Next, for product:
          schema/request.schema.json        the fields and their allowed values: set your areas
          schema/registry.yml               the statuses and the moves between them
          freq move FR-0001 planned         a decision, in its own commit
          freq stats                        how many requests get actioned, and how fast

        """#
}
