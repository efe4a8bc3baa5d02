package org.netlm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.netlm.engine.NetlmEngine;
import org.netlm.catalog.RuleSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --rules DIR} option shared by every command that runs rules, and the engine it selects. Without
 * {@code --rules}, when the working folder holds a {@code rules/} folder whose content differs from the bundled
 * rules, one line on standard error says that the bundled rules are used, so that an edit is never silently ignored.
 */
final class RulesOption {
    /** The folder looked for in the working folder. */
    static final String WORKING_RULES = "rules";

    @Option(names = "--rules", paramLabel = "DIR", description = "Rule folder to use instead of the bundled rules.")
    Path rules;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The bundled engine, or the folder's (RuleCompilationException / exit 2 when it does not compile). */
    NetlmEngine engine() {
        if (rules == null && command != null) {
            staleNotice(Path.of(System.getProperty("user.dir"))).ifPresent(note -> {
                PrintWriter err = command.commandLine().getErr();
                err.println(note);
                err.flush();
            });
        }
        return NetlmCli.engine(rules);
    }

    /**
     * The one-line notice when {@code workingDir/rules} exists and differs from the bundled rules, else empty (also
     * when it cannot be read: then it is no rule folder the user is editing).
     */
    static Optional<String> staleNotice(Path workingDir) {
        Path dir = workingDir.resolve(WORKING_RULES);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            String local = RuleSource.fromDirectory(dir).digest();
            String bundled = RuleSource.bundled().digest();
            if (local.equals(bundled)) {
                return Optional.empty();
            }
            return Optional.of("note: using the bundled rules (" + bundled + "), not ./" + WORKING_RULES + "/ (" + local
                + "), which differs from them: add --rules " + WORKING_RULES + " to use your edited rules");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
