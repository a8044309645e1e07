/// State threaded through one validation.
struct ValidationContext {
    /// Where in the instance the value being checked is.
    var path: InstancePath = []
    var violations: [SchemaViolation] = []
    /// False while probing (`anyOf` branches, `not`, `if`, `contains`): no messages are
    /// built and evaluation stops at the first fault.
    var collecting: Bool
    var depth = 0
    /// Set while a property name is checked against `propertyNames`: the key is the subject.
    var keySubject: String?
    /// The schema resources entered, outermost first (only when `$dynamicRef` needs them).
    var scope: [Int] = []

    init(collecting: Bool) {
        self.collecting = collecting
    }

    var subject: String {
        keySubject.map { "the key `\($0)`" } ?? SchemaText.subject(path)
    }

    /// "`id` is `FR-1`, which " + clause; for a property name, "the key `FR-1` " + clause.
    func valueIs(_ value: JSONValue, _ clause: String) -> String {
        keySubject != nil ? "\(subject) \(clause)" : "\(subject) is \(SchemaText.render(value)), which \(clause)"
    }

    func violation(
        _ keyword: String, _ message: String, hint: String? = nil, at path: InstancePath? = nil,
        pointsAtKey: Bool = false
    ) -> SchemaViolation {
        SchemaViolation(
            instancePath: path ?? self.path, keyword: keyword, message: message, hint: hint,
            pointsAtKey: pointsAtKey || keySubject != nil)
    }
}

/// What the keywords of a schema evaluated, for `unevaluatedProperties`/`unevaluatedItems`.
struct Annotations {
    var properties: Set<String> = []
    var allProperties = false
    /// How many leading items `prefixItems` evaluated.
    var items = 0
    var allItems = false
    var containedItems: Set<Int> = []

    mutating func merge(_ other: Annotations) {
        properties.formUnion(other.properties)
        allProperties = allProperties || other.allProperties
        items = max(items, other.items)
        allItems = allItems || other.allItems
        containedItems.formUnion(other.containedItems)
    }
}

extension JSONSchema {
    /// Evaluates node `id` against `value`. When `annotations` is non-nil and the node is
    /// valid, what it evaluated is added to it.
    func evaluate(
        _ id: SchemaNodeID, _ value: JSONValue, _ context: inout ValidationContext,
        _ annotations: inout Annotations?
    ) -> Bool {
        // Fields read one by one and keywords by index: copying the node, or iterating
        // its keywords by value, retained and released every payload on each call.
        if let boolean = nodes[id].boolean {
            if !boolean, context.collecting { reportFalse(&context) }
            return boolean
        }
        guard context.depth < Self.maximumEvaluationDepth else {
            if context.collecting { reportTooDeep(id, &context) }
            return false
        }
        context.depth += 1
        // The dynamic scope (the resources entered so far) is kept only when a `$dynamicRef`
        // needs it, so that other schemas pay nothing for it.
        let resource = nodes[id].resource
        let entersResource = usesDynamicScope && context.scope.last != resource
        if entersResource { context.scope.append(resource) }
        defer {
            context.depth -= 1
            if entersResource { context.scope.removeLast() }
        }
        var local: Annotations? = annotations != nil || nodes[id].needsAnnotations ? Annotations() : nil
        var valid = true
        let keywords = nodes[id].keywords
        for index in keywords.indices where !check(keywords[index], id, value, &context, &local) {
            valid = false
            // A value of the wrong type makes the node's other complaints noise.
            if !context.collecting { break }
            if case .type = keywords[index] { break }
        }
        if valid, let local { annotations?.merge(local) }
        return valid
    }

    @inline(never)
    /// minItems, maxItems, minProperties, maxProperties: an array's or object's `count`
    /// (nil for another type, which the keyword ignores) against `bound`.
    private func checkCount(
        _ count: Int?, _ bound: Int, atLeast: Bool, _ keyword: String, _ unit: String, _ context: inout ValidationContext
    ) -> Bool {
        guard let count, atLeast ? count < bound : count > bound else { return true }
        if context.collecting {
            let limit = atLeast ? "at least" : "at most"
            context.violations.append(
                context.violation(
                    keyword, "\(context.subject) must have \(limit) \(SchemaText.plural(bound, unit)), found \(count)"))
        }
        return false
    }

    private func reportFalse(_ context: inout ValidationContext) {
        context.violations.append(context.violation("false", "\(context.subject) is not allowed here"))
    }

    @inline(never)
    private func reportTooDeep(_ id: SchemaNodeID, _ context: inout ValidationContext) {
        context.violations.append(
            context.violation(
                "$ref",
                "\(context.subject) is nested too deeply to check (more than \(Self.maximumEvaluationDepth) schema levels)",
                hint: "the schema may refer to itself in a loop at `\(nodes[id].pointer)`"))
    }

    /// Where a `$dynamicRef` lands: the anchor of the outermost resource of the dynamic scope
    /// that defines it, else its static target.
    private func dynamicTarget(_ reference: DynamicReference, _ context: ValidationContext) -> SchemaNodeID {
        guard !reference.candidates.isEmpty else { return reference.initial }
        for resource in context.scope {
            if let node = reference.candidates[resource] { return node }
        }
        return reference.initial
    }

    /// Evaluates without building messages (for `anyOf`, `not`, `if`, `contains`).
    func probe(
        _ id: SchemaNodeID, _ value: JSONValue, _ context: inout ValidationContext,
        _ annotations: inout Annotations?
    ) -> Bool {
        let collecting = context.collecting
        context.collecting = false
        defer { context.collecting = collecting }
        return evaluate(id, value, &context, &annotations)
    }

    /// Evaluates and returns the violations instead of recording them.
    func violations(
        of id: SchemaNodeID, _ value: JSONValue, _ context: inout ValidationContext
    ) -> [SchemaViolation] {
        let start = context.violations.count
        var none: Annotations? = nil
        _ = evaluate(id, value, &context, &none)
        let found = Array(context.violations[start...])
        context.violations.removeSubrange(start...)
        return found
    }

    /// Evaluates a member or item of the current value, at `path + [component]`.
    func evaluateChild(
        _ id: SchemaNodeID, _ value: JSONValue, at component: PathComponent, _ context: inout ValidationContext
    ) -> Bool {
        context.path.append(component)
        defer { context.path.removeLast() }
        var none: Annotations? = nil
        return evaluate(id, value, &context, &none)
    }

    // MARK: - Keywords

    /// Checks one keyword. Only the applicators recurse; each has its own small function and
    /// builds messages elsewhere, so deep recursion uses little stack even in debug builds.
    func check(
        _ keyword: SchemaKeyword, _ nodeID: SchemaNodeID, _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        switch keyword {
        case .ref(let target, _): return evaluate(target, value, &context, &annotations)
        case .dynamicRef(let reference):
            return evaluate(dynamicTarget(reference, context), value, &context, &annotations)
        case .objectMembers(let members): return checkMembers(members, nodeID, value, &context, &annotations)
        case .propertyNames(let node): return checkPropertyNames(node, value, &context, &annotations)
        case .dependentSchemas(let pairs): return checkDependentSchemas(pairs, value, &context, &annotations)
        case .items(let prefix, let rest): return checkItems(prefix, rest, value, &context, &annotations)
        case .contains(let node, let minimum, let maximum):
            return checkContains(node, minimum, maximum, value, &context, &annotations)
        case .allOf(let branches): return checkAllOf(branches, value, &context, &annotations)
        case .anyOf(let branches): return checkAnyOf(branches, value, &context, &annotations)
        case .oneOf(let branches): return checkOneOf(branches, value, &context, &annotations)
        case .not(let node): return checkNot(node, value, &context, &annotations)
        case .conditional(let condition, let then, let otherwise):
            return checkConditional(condition, then, otherwise, value, &context, &annotations)
        case .unevaluatedProperties(let node): return checkUnevaluatedProperties(node, nodeID, value, &context, &annotations)
        case .unevaluatedItems(let node): return checkUnevaluatedItems(node, value, &context, &annotations)
        default: return checkAssertion(keyword, nodeID, value, &context)
        }
    }

    /// The keywords that look at the value alone (no subschemas).
    @inline(never)
    private func checkAssertion(
        _ keyword: SchemaKeyword, _ nodeID: SchemaNodeID, _ value: JSONValue, _ context: inout ValidationContext
    ) -> Bool {
        switch keyword {
        case .type(let types, let names):
            if types.matches(value) { return true }
            if context.collecting {
                let expected = SchemaText.alternatives(names.map(SchemaText.typePhrase))
                context.violations.append(
                    context.violation(
                        "type", "\(context.subject) must be \(expected), found \(SchemaText.found(value))",
                        hint: Self.typeHint(names, value)))
            }
            return false

        case .enumeration(let enumeration):
            if enumeration.exact.contains(ExactValue(value)) { return true }
            if context.collecting {
                context.violations.append(enumViolation(enumeration.values, value, context))
            }
            return false

        case .constant(let constant, let exact):
            if ExactValue(value) == exact { return true }
            if context.collecting {
                context.violations.append(
                    context.violation(
                        "const",
                        "\(context.subject) must be \(SchemaText.render(constant)), found \(SchemaText.render(value))",
                        hint: Self.nearestHint(value, among: [constant])))
            }
            return false

        case .required(let names):
            guard case .object(let members) = value else { return true }
            var valid = true
            for name in names where members[name] == nil {
                valid = false
                guard context.collecting else { break }
                let message =
                    context.path.isEmpty
                    ? "the required key `\(name)` is missing"
                    : "\(context.subject) is missing the required key `\(name)`"
                // A key the schema declares is not a misspelling of another one.
                let declared = nodes[nodeID].declaredProperties
                let misspelling = Suggestion.nearest(to: name, among: members.keys.sorted().filter { !declared.contains($0) })
                context.violations.append(
                    context.violation("required", message, hint: misspelling.map { "is `\($0)` a misspelling of it?" }))
            }
            return valid

        case .minProperties(let minimum):
            return checkCount(value.objectValue?.count, minimum, atLeast: true, "minProperties", "key", &context)

        case .maxProperties(let maximum):
            return checkCount(value.objectValue?.count, maximum, atLeast: false, "maxProperties", "key", &context)

        case .dependentRequired(let dependencies):
            guard case .object(let members) = value else { return true }
            var valid = true
            for (name, required) in dependencies where members[name] != nil {
                for other in required where members[other] == nil {
                    valid = false
                    guard context.collecting else { return false }
                    let message =
                        context.path.isEmpty
                        ? "`\(other)` is required when `\(name)` is present"
                        : "\(context.subject) has `\(name)`, so it must also have `\(other)`"
                    context.violations.append(context.violation("dependentRequired", message))
                }
            }
            return valid

        case .minItems(let minimum):
            return checkCount(value.arrayValue?.count, minimum, atLeast: true, "minItems", "item", &context)

        case .maxItems(let maximum):
            return checkCount(value.arrayValue?.count, maximum, atLeast: false, "maxItems", "item", &context)

        case .uniqueItems:
            guard case .array(let items) = value, items.count > 1 else { return true }
            var seen: Set<ExactValue> = []
            var reported: Set<ExactValue> = []
            var valid = true
            for (index, item) in items.enumerated() {
                let canonical = ExactValue(item)
                if seen.insert(canonical).inserted { continue }
                valid = false
                guard context.collecting else { return false }
                if reported.insert(canonical).inserted {
                    context.violations.append(
                        context.violation(
                            "uniqueItems",
                            "\(context.subject) lists \(SchemaText.render(item)) more than once; each item must be unique",
                            hint: "remove the repeated item", at: context.path + [.index(index)]))
                }
            }
            return valid

        case .minLength(let minimum):
            guard case .string(let text) = value else { return true }
            let length = text.unicodeScalars.count
            guard length < minimum else { return true }
            if context.collecting {
                context.violations.append(
                    context.violation(
                        "minLength",
                        "\(context.subject) must be at least \(SchemaText.plural(minimum, "character")) long, found \(length)"))
            }
            return false

        case .maxLength(let maximum):
            guard case .string(let text) = value else { return true }
            // Code points, as JSON Schema counts: not UTF-16 units, not grapheme clusters.
            let length = text.unicodeScalars.count
            guard length > maximum else { return true }
            if context.collecting {
                context.violations.append(
                    context.violation(
                        "maxLength",
                        "\(context.subject) must be at most \(SchemaText.plural(maximum, "character")) long, found \(length)"))
            }
            return false

        case .pattern(let regex):
            guard case .string(let text) = value, !regex.matches(text) else { return true }
            if context.collecting {
                context.violations.append(
                    context.violation(
                        "pattern",
                        context.valueIs(value, "does not match the pattern `\(regex.source)`")))
            }
            return false

        case .format(let format):
            guard case .string(let text) = value, !format.matches(text) else { return true }
            if context.collecting {
                let hint =
                    format == .date || format == .dateTime
                    ? SchemaFormat.impossibleDateHint(text).map { "\($0); \(format.example)" } ?? format.example
                    : format.example
                context.violations.append(
                    context.violation(
                        "format", context.valueIs(value, "is not \(format.noun)"),
                        hint: hint))
            }
            return false

        case .minimum(let limit):
            return checkBound(value, limit, "minimum", "at least", &context) { $0 >= 0 }
        case .maximum(let limit):
            return checkBound(value, limit, "maximum", "at most", &context) { $0 <= 0 }
        case .exclusiveMinimum(let limit):
            return checkBound(value, limit, "exclusiveMinimum", "greater than", &context) { $0 > 0 }
        case .exclusiveMaximum(let limit):
            return checkBound(value, limit, "exclusiveMaximum", "less than", &context) { $0 < 0 }

        case .multipleOf(let divisor):
            guard let number = SchemaNumber(value), !number.isMultiple(of: divisor) else { return true }
            if context.collecting {
                context.violations.append(
                    context.violation(
                        "multipleOf",
                        "\(context.subject) must be a multiple of \(SchemaText.render(Self.json(divisor))), found \(SchemaText.render(value))"
                    ))
            }
            return false

        default:
            return true
        }
    }

    private func checkPropertyNames(
        _ node: SchemaNodeID, _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        guard case .object(let members) = value else { return true }
        var valid = true
        let start = context.violations.count
        defer { sortByMember(&context, from: start) }
        for key in members.keys {
            let keyValue = JSONValue.string(key)
            var none: Annotations? = nil
            if probe(node, keyValue, &context, &none) { continue }
            valid = false
            guard context.collecting else { break }
            // Re-run with messages, the key as the subject.
            let saved = context.keySubject
            context.keySubject = key
            context.path.append(.key(key))
            var found = violations(of: node, keyValue, &context)
            context.path.removeLast()
            context.keySubject = saved
            for index in found.indices { found[index].keyword = "propertyNames" }
            context.violations += found
        }
        return valid
    }

    private func checkDependentSchemas(
        _ dependencies: [(name: String, node: SchemaNodeID)], _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        guard case .object(let members) = value else { return true }
        var valid = true
        for (name, node) in dependencies where members[name] != nil {
            if !evaluate(node, value, &context, &annotations) {
                valid = false
                if !context.collecting { return false }
            }
        }
        return valid
    }

    private func checkContains(
        _ node: SchemaNodeID, _ minimum: Int, _ maximum: Int?, _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        guard case .array(let items) = value else { return true }
        var matches = 0
        for (index, item) in items.enumerated() {
            context.path.append(.index(index))
            var none: Annotations? = nil
            if probe(node, item, &context, &none) {
                matches += 1
                annotations?.containedItems.insert(index)
            }
            context.path.removeLast()
        }
        if matches >= minimum, matches <= maximum ?? .max { return true }
        if context.collecting { reportContains(node, minimum, maximum, matches, &context) }
        return false
    }

    @inline(never)
    private func reportContains(
        _ node: SchemaNodeID, _ minimum: Int, _ maximum: Int?, _ matches: Int, _ context: inout ValidationContext
    ) {
        let what = describe(node).map { "that \($0)" } ?? "that matches the schema at `\(nodes[node].pointer)`"
        let message: String
        if matches < minimum {
            message =
                minimum == 1
                ? "\(context.subject) must contain at least one item \(what)"
                : "\(context.subject) must contain at least \(minimum) items \(what), found \(matches)"
        } else {
            message = "\(context.subject) must contain at most \(SchemaText.plural(maximum ?? 0, "item")) \(what), found \(matches)"
        }
        context.violations.append(context.violation(matches < minimum ? "contains" : "maxContains", message))
    }

    private func checkAllOf(
        _ branches: [SchemaNodeID], _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        var valid = true
        for branch in branches where !evaluate(branch, value, &context, &annotations) {
            valid = false
            if !context.collecting { return false }
        }
        return valid
    }

    private func checkAnyOf(
        _ branches: [SchemaNodeID], _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        var valid = false
        for branch in branches {
            var branchAnnotations: Annotations? = annotations == nil ? nil : Annotations()
            guard probe(branch, value, &context, &branchAnnotations) else { continue }
            valid = true
            guard let branchAnnotations else { break }  // no annotations wanted: first match is enough
            annotations?.merge(branchAnnotations)
        }
        if !valid, context.collecting {
            context.violations += combinatorViolations("anyOf", branches, value, &context)
        }
        return valid
    }

    private func checkOneOf(
        _ branches: [SchemaNodeID], _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        var matching: [Int] = []
        var matchedAnnotations: Annotations?
        for (index, branch) in branches.enumerated() {
            var branchAnnotations: Annotations? = annotations == nil ? nil : Annotations()
            guard probe(branch, value, &context, &branchAnnotations) else { continue }
            matching.append(index)
            matchedAnnotations = branchAnnotations
            if matching.count > 1, !context.collecting { return false }
        }
        if matching.count == 1 {
            if let matchedAnnotations { annotations?.merge(matchedAnnotations) }
            return true
        }
        if context.collecting {
            if matching.isEmpty {
                context.violations += combinatorViolations("oneOf", branches, value, &context)
            } else {
                reportSeveralMatches(matching, &context)
            }
        }
        return false
    }

    @inline(never)
    private func reportSeveralMatches(_ matching: [Int], _ context: inout ValidationContext) {
        let numbers = matching.map { String($0 + 1) }
        let forms = numbers.dropLast().joined(separator: ", ") + " and " + (numbers.last ?? "")
        context.violations.append(
            context.violation(
                "oneOf", "\(context.subject) fits \(matching.count) of the allowed forms (\(forms)), but it must fit exactly one"))
    }

    private func checkNot(
        _ node: SchemaNodeID, _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        var none: Annotations? = nil
        guard probe(node, value, &context, &none) else { return true }
        if context.collecting { reportNot(node, &context) }
        return false
    }

    @inline(never)
    private func reportNot(_ node: SchemaNodeID, _ context: inout ValidationContext) {
        let what = describe(node) ?? "matches the schema at `\(nodes[node].pointer)`"
        context.violations.append(context.violation("not", "\(context.subject) \(what), which is not allowed"))
    }

    private func checkConditional(
        _ condition: SchemaNodeID, _ then: SchemaNodeID?, _ otherwise: SchemaNodeID?, _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        var conditionAnnotations: Annotations? = annotations == nil ? nil : Annotations()
        let holds = probe(condition, value, &context, &conditionAnnotations)
        if holds, let conditionAnnotations { annotations?.merge(conditionAnnotations) }
        guard let branch = holds ? then : otherwise else { return true }
        let start = context.violations.count
        let valid = evaluate(branch, value, &context, &annotations)
        if !valid, holds, context.collecting { explainCondition(condition, since: start, &context) }
        return valid
    }

    /// Says why a `then` applies: "this applies because `status` is `duplicate`".
    @inline(never)
    private func explainCondition(_ condition: SchemaNodeID, since start: Int, _ context: inout ValidationContext) {
        guard let reason = describeCondition(condition, context.path) else { return }
        for index in context.violations.indices.dropFirst(start) where context.violations[index].hint == nil {
            context.violations[index].hint = "this applies because \(reason)"
        }
    }

    private func checkUnevaluatedProperties(
        _ node: SchemaNodeID, _ nodeID: SchemaNodeID, _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        guard case .object(let members) = value else { return true }
        let evaluated = annotations ?? Annotations()
        if evaluated.allProperties { return true }
        var valid = true
        let start = context.violations.count
        defer { sortByMember(&context, from: start) }
        for (key, member) in members where !evaluated.properties.contains(key) {
            if nodes[node].boolean == false {
                valid = false
                guard context.collecting else { return false }
                reportUnknownKey("unevaluatedProperties", key, inPlaceNodes(from: nodeID), &context)
            } else if !evaluateChild(node, member, at: .key(key), &context) {
                valid = false
                if !context.collecting { return false }
            }
        }
        annotations?.allProperties = true
        return valid
    }

    private func checkUnevaluatedItems(
        _ node: SchemaNodeID, _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        guard case .array(let items) = value else { return true }
        let evaluated = annotations ?? Annotations()
        if evaluated.allItems { return true }
        var valid = true
        for index in items.indices where index >= evaluated.items && !evaluated.containedItems.contains(index) {
            if !evaluateChild(node, items[index], at: .index(index), &context) {
                valid = false
                if !context.collecting { return false }
            }
        }
        annotations?.allItems = true
        return valid
    }

    /// `properties`, `patternProperties` and `additionalProperties`.
    private func checkMembers(
        _ keyword: ObjectMembersKeyword, _ nodeID: SchemaNodeID, _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        guard case .object(let members) = value else { return true }
        var valid = true
        let start = context.violations.count
        defer { sortByMember(&context, from: start) }
        if keyword.patterns.isEmpty, keyword.additional != nil {
            return checkMembersInOnePass(keyword, nodeID, members, &context, &annotations)
        }
        for (name, node) in keyword.named {
            guard let member = members[name] else { continue }
            annotations?.properties.insert(name)
            if !evaluateChild(node, member, at: .key(name), &context) {
                valid = false
                if !context.collecting { return false }
            }
        }
        guard !keyword.patterns.isEmpty || keyword.additional != nil else { return valid }
        for (key, member) in members {
            var matched = keyword.namedIndex[key] != nil
            for (regex, node) in keyword.patterns where regex.matches(key) {
                matched = true
                annotations?.properties.insert(key)
                if !evaluateChild(node, member, at: .key(key), &context) {
                    valid = false
                    if !context.collecting { return false }
                }
            }
            guard !matched, let additional = keyword.additional else { continue }
            if !checkAdditional(additional, key, member, nodeID, &context, &annotations) {
                valid = false
                if !context.collecting { return false }
            }
        }
        return valid
    }

    /// A member no name or pattern declares, against `additionalProperties`: false when
    /// it fails (reported when collecting).
    private func checkAdditional(
        _ additional: SchemaNodeID, _ key: String, _ member: JSONValue, _ nodeID: SchemaNodeID,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        annotations?.properties.insert(key)
        if nodes[additional].boolean == false {
            if context.collecting { reportUnknownKey("additionalProperties", key, [nodeID], &context) }
            return false
        }
        return evaluateChild(additional, member, at: .key(key), &context)
    }

    /// `checkMembers` without `patternProperties` and with `additionalProperties`: each
    /// member looked up once instead of each declared name and then each member. The
    /// findings are the same (`sortByMember` orders them by member either way), and a
    /// declared member is named as the schema spells it, as the two loops did.
    private func checkMembersInOnePass(
        _ keyword: ObjectMembersKeyword, _ nodeID: SchemaNodeID, _ members: [String: JSONValue],
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        var valid = true
        for (key, member) in members {
            if let found = keyword.namedIndex.index(forKey: key) {
                let (name, node) = keyword.namedIndex[found]
                annotations?.properties.insert(name)
                if !evaluateChild(node, member, at: .key(name), &context) {
                    valid = false
                    if !context.collecting { return false }
                }
                continue
            }
            guard let additional = keyword.additional else { continue }
            if !checkAdditional(additional, key, member, nodeID, &context, &annotations) {
                valid = false
                if !context.collecting { return false }
            }
        }
        return valid
    }

    /// `prefixItems` and `items`.
    private func checkItems(
        _ prefix: [SchemaNodeID], _ rest: SchemaNodeID?, _ value: JSONValue,
        _ context: inout ValidationContext, _ annotations: inout Annotations?
    ) -> Bool {
        guard case .array(let items) = value else { return true }
        var valid = true
        for (index, node) in zip(items.indices, prefix) where !evaluateChild(node, items[index], at: .index(index), &context) {
            valid = false
            if !context.collecting { return false }
        }
        if let evaluated = annotations?.items {
            annotations?.items = max(evaluated, min(prefix.count, items.count))
        }
        guard let rest else { return valid }
        annotations?.allItems = true
        guard items.count > prefix.count else { return valid }
        if nodes[rest].boolean == false {
            // One message for the list instead of one per extra item.
            if context.collecting { reportTooManyItems(prefix.count, items.count, &context) }
            return false
        }
        for index in prefix.count..<items.count where !evaluateChild(rest, items[index], at: .index(index), &context) {
            valid = false
            if !context.collecting { return false }
        }
        return valid
    }

    @inline(never)
    private func reportTooManyItems(_ allowed: Int, _ count: Int, _ context: inout ValidationContext) {
        context.violations.append(
            context.violation(
                "items", "\(context.subject) must have at most \(SchemaText.plural(allowed, "item")), found \(count)"))
    }

    private func checkBound(
        _ value: JSONValue, _ limit: SchemaNumber, _ keyword: String, _ phrase: String,
        _ context: inout ValidationContext, accept: (Int) -> Bool
    ) -> Bool {
        guard let number = SchemaNumber(value) else { return true }
        if let sign = number.compare(to: limit), accept(sign) { return true }
        if context.collecting {
            context.violations.append(
                context.violation(
                    keyword,
                    "\(context.subject) must be \(phrase) \(SchemaText.render(Self.json(limit))), found \(SchemaText.render(value))"
                ))
        }
        return false
    }

    // MARK: - Messages

    /// Puts the violations added since `start` in the order of the member keys they concern
    /// (stable otherwise), so the output does not depend on dictionary order. Sorting only
    /// what was reported keeps valid instances fast.
    private func sortByMember(_ context: inout ValidationContext, from start: Int) {
        guard context.violations.count - start > 1 else { return }
        let depth = context.path.count
        func key(_ violation: SchemaViolation) -> String {
            guard violation.instancePath.count > depth, case .key(let key) = violation.instancePath[depth] else {
                return ""
            }
            return key
        }
        let sorted = context.violations[start...].enumerated().sorted { a, b in
            let (keyA, keyB) = (key(a.element), key(b.element))
            return keyA != keyB ? keyA < keyB : a.offset < b.offset
        }
        context.violations.replaceSubrange(start..., with: sorted.map(\.element))
    }

    private static func json(_ number: SchemaNumber) -> JSONValue {
        switch number {
        case .integer(let integer): return .integer(integer)
        case .double(let double): return .double(double)
        }
    }

    private func enumViolation(_ allowed: [JSONValue], _ value: JSONValue, _ context: ValidationContext) -> SchemaViolation {
        let message: String
        switch allowed.count {
        case 0:
            message = "\(context.subject) cannot have any value (the schema allows none)"
        case 1:
            message = "\(context.subject) must be \(SchemaText.render(allowed[0])), found \(SchemaText.render(value))"
        default:
            message = context.valueIs(value, "is not one of \(SchemaText.list(allowed))")
        }
        return context.violation("enum", message, hint: Self.nearestHint(value, among: allowed))
    }

    /// "did you mean `planned`?" for a text value close to one of the allowed texts.
    static func nearestHint(_ value: JSONValue, among allowed: [JSONValue]) -> String? {
        guard case .string(let text) = value else { return nil }
        let candidates = allowed.compactMap(\.stringValue).filter { $0 != text }
        return Suggestion.nearest(to: text, among: candidates).map { "did you mean `\($0)`?" }
    }

    /// "`stauts` is not a known key", with the nearest name the given nodes declare.
    @inline(never)
    private func reportUnknownKey(
        _ keyword: String, _ key: String, _ declaring: [SchemaNodeID], _ context: inout ValidationContext
    ) {
        let declared = declaring.flatMap { nodes[$0].declaredProperties }
        let message =
            context.path.isEmpty
            ? "`\(key)` is not a known key"
            : "`\(key)` is not a known key in \(context.subject)"
        var hint: String?
        if let nearest = Suggestion.nearest(to: key, among: declared) {
            hint = "did you mean `\(nearest)`?"
        } else if !declared.isEmpty, declared.count <= 12 {
            hint = "the known keys are \(SchemaText.names(declared))"
        }
        context.violations.append(
            context.violation(keyword, message, hint: hint, at: context.path + [.key(key)], pointsAtKey: true))
    }

    /// Advice for a value of the wrong type, for the usual YAML slips.
    static func typeHint(_ expected: [String], _ value: JSONValue) -> String? {
        switch value {
        case .string(let text):
            if expected.contains("integer") || expected.contains("number"), Double(text) != nil {
                return "write the number without quotes"
            }
            if expected.contains("boolean"), ["true", "false"].contains(text.lowercased()) {
                return "write `true` or `false` without quotes"
            }
            if expected.contains("array") {
                return "write it as a list, like `[\(SchemaText.compact(value, limit: 30))]`"
            }
        case .integer, .double, .bool:
            if expected.contains("string") { return "put the value in quotes to make it text" }
            if expected.contains("array") {
                return "write it as a list, like `[\(SchemaText.compact(value, limit: 30))]`"
            }
        case .null:
            return "fill in a value"
        default:
            break
        }
        return nil
    }

    /// One violation for an `anyOf`/`oneOf` that no branch fits.
    ///
    /// When exactly one branch has the value's type, it is clearly the intended form, and
    /// its own violations are reported (a nullable date that is not a date says so).
    /// Otherwise a single violation lists the accepted forms, or names the closest one.
    private func combinatorViolations(
        _ keyword: String, _ branches: [SchemaNodeID], _ value: JSONValue, _ context: inout ValidationContext
    ) -> [SchemaViolation] {
        let path = context.path
        let results = branches.map { violations(of: $0, value, &context) }
        let typeMismatch = results.map { found in
            found.contains { $0.keyword == "type" && $0.instancePath == path }
        }
        // Every branch is a bare type, constant or list of values: list them all.
        let simple = branches.map(simpleForm)
        if simple.allSatisfy({ $0 != nil }) {
            let phrases = simple.compactMap { $0?.phrases }.flatMap { $0 }
            let values = simple.compactMap { $0?.values }.flatMap { $0 }
            return [
                context.violation(
                    keyword, "\(context.subject) must be \(SchemaText.alternatives(phrases)), found \(SchemaText.found(value))",
                    hint: Self.nearestHint(value, among: values))
            ]
        }
        if typeMismatch.filter({ !$0 }).count == 1, let intended = typeMismatch.firstIndex(of: false) {
            return results[intended]
        }
        let ranked = results.indices.min { a, b in
            (typeMismatch[a] ? 1 : 0, results[a].count) < (typeMismatch[b] ? 1 : 0, results[b].count)
        }
        let closest = ranked.flatMap { results[$0].first }
        return [
            context.violation(
                keyword, "\(context.subject) does not fit any of the \(branches.count) allowed forms",
                hint: closest.map { "closest form: \($0.message)" + ($0.hint.map { " (\($0))" } ?? "") })
        ]
    }

    /// A branch that is only a `type`, `const` or `enum` (through `$ref`), as a phrase.
    private func simpleForm(_ id: SchemaNodeID) -> (phrases: [String], values: [JSONValue])? {
        var current = id
        for _ in 0..<16 {
            let keywords = nodes[current].keywords
            guard keywords.count == 1, let only = keywords.first else { return nil }
            switch only {
            case .ref(let target, _): current = target
            case .dynamicRef(let reference): current = reference.initial
            case .type(_, let names): return (names.map(SchemaText.typePhrase), [])
            case .constant(let constant, _): return ([SchemaText.render(constant)], [constant])
            case .enumeration(let enumeration) where (1...12).contains(enumeration.values.count):
                return (enumeration.values.map(SchemaText.render), enumeration.values)
            default: return nil
            }
        }
        return nil
    }

    /// What a simple schema asks for, as a verb phrase: "is `billing`", "has the key `x`";
    /// nil when it is not simple enough to put in words.
    func describe(_ id: SchemaNodeID) -> String? {
        var current = id
        for _ in 0..<16 {
            let node = nodes[current]
            if let boolean = node.boolean { return boolean ? "is anything" : nil }
            guard node.keywords.count == 1, let only = node.keywords.first else { return nil }
            switch only {
            case .ref(let target, _): current = target
            case .dynamicRef(let reference): current = reference.initial
            case .constant(let constant, _): return "is \(SchemaText.render(constant))"
            case .enumeration(let enumeration) where enumeration.values.count == 1:
                return "is \(SchemaText.render(enumeration.values[0]))"
            case .enumeration(let enumeration) where !enumeration.values.isEmpty:
                return "is one of \(SchemaText.list(enumeration.values))"
            case .type(_, let names): return "is \(SchemaText.alternatives(names.map(SchemaText.typePhrase)))"
            case .pattern(let regex): return "matches the pattern `\(regex.source)`"
            case .format(let format): return "is \(format.noun)"
            case .required(let names) where names.count == 1: return "has the key `\(names[0])`"
            case .required(let names) where !names.isEmpty: return "has the keys \(SchemaText.names(names))"
            default: return nil
            }
        }
        return nil
    }

    /// An `if` made of property conditions, in words: "`status` is `duplicate`".
    private func describeCondition(_ id: SchemaNodeID, _ path: InstancePath) -> String? {
        guard nodes[id].boolean == nil else { return nil }
        var parts: [String] = []
        for keyword in nodes[id].keywords {
            switch keyword {
            case .objectMembers(let members) where members.patterns.isEmpty && members.additional == nil:
                for (name, node) in members.named {
                    guard let phrase = describe(node) else { return nil }
                    parts.append("`\((path + [.key(name)]).dotted)` \(phrase)")
                }
            case .required:
                continue  // usually only makes the property conditions strict
            default:
                return nil
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " and ")
    }
}
