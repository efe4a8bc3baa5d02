package org.netlm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.netlm.engine.NetlmEngine;
import org.netlm.catalog.RuleSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate-rules [DIR]}: compiles a rule folder and runs the hygiene checks. Problems go to standard
 * error as {@code file:line: message} (exit 2); a clean folder prints a one-line summary (exit 0).
 */
@Command(name = "validate-rules", mixinStandardHelpOptions = true,
    description = "Compile a rule folder (default: the bundled rules) and check rule hygiene.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the rules compile and are clean", "2:problems (each as file:line: message on standard error)"})
final class ValidateRulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Rule folder (same layout as rules/).")
    Path dir;

    @Override
    public Integer call() {
        RuleSource source;
        try {
            source = dir == null ? RuleSource.bundled() : RuleSource.fromDirectory(dir);
        } catch (IOException e) {
            throw new CliException(ErrorHandler.RULES_FAILED, "cannot read rule folder " + dir + ": " + ErrorHandler.reason(e));
        }
        NetlmEngine engine = NetlmEngine.fromSource(source); // RuleCompilationException -> ErrorHandler, exit 2
        spec.commandLine().getOut().println("OK: " + engine.catalog().rules().size() + " rules in " + source.drlFiles().size()
            + " files (" + source.name() + "), knowledge " + engine.knowledge().describe() + ", rule set " + engine.rulesetVersion());
        spec.commandLine().getOut().flush();
        return ErrorHandler.OK;
    }
}
