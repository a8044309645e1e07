import ArgumentParser

/// Options every command takes: where to run and which configuration to use.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Run as if freq was started in DIR.", valueName: "DIR"))
    var directory: String?

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "The registry configuration (default: schema/registry.yml of the repository).", valueName: "FILE"))
    var config: String?

    /// Lets `freq -C DIR validate` work as in git: global options written before the
    /// command name are moved after it, where ArgumentParser looks for them.
    static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
        var hoisted: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if (argument == "-C" || argument == "--config"), index + 1 < arguments.count {
                hoisted += [argument, arguments[index + 1]]
                index += 2
            } else if argument.hasPrefix("--config=") || (argument.hasPrefix("-C") && argument.count > 2) {
                hoisted.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !hoisted.isEmpty else { return arguments }
        let rest = Array(arguments[index...])
        guard let command = rest.first, !command.hasPrefix("-") else { return rest + hoisted }
        return [command] + hoisted + rest.dropFirst()
    }
}
