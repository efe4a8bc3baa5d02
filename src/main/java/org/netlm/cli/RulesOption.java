package org.netlm.cli;

import java.nio.file.Path;
import org.netlm.engine.NetlmEngine;
import picocli.CommandLine.Option;

/** The {@code --rules DIR} option shared by every command that runs rules, and the engine it selects. */
final class RulesOption {
    @Option(names = "--rules", paramLabel = "DIR", description = "Rule folder to use instead of the bundled rules.")
    Path rules;

    /** The bundled engine, or the folder's (RuleCompilationException / exit 2 when it does not compile). */
    NetlmEngine engine() {
        return NetlmCli.engine(rules);
    }
}
