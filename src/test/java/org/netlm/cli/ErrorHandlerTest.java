package org.netlm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netlm.engine.RuleCompilationException;
import org.netlm.engine.RuleProblem;
import picocli.CommandLine;

class ErrorHandlerTest {
    final StringWriter err = new StringWriter();

    int handle(Exception e, String... args) {
        CommandLine cl = new CommandLine(new NetlmCli()).setErr(new PrintWriter(err, true));
        return new ErrorHandler().handleExecutionException(e, cl, cl.parseArgs(args));
    }

    @Test
    void anUnexpectedErrorIsOneLineWithoutStackTrace() {
        int code = handle(new IllegalStateException("boom"), "evaluate", "x.json");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("internal error: java.lang.IllegalStateException: boom (run with --debug for the stack trace)\n");
    }

    @Test
    void debugAddsTheStackTrace() {
        handle(new IllegalStateException("boom"), "evaluate", "--debug", "x.json");

        assertThat(err.toString()).startsWith("internal error: ").contains("\tat ");
    }

    @Test
    void ruleProblemsAreOneFileLineMessageLineEachAndExit2() {
        int code = handle(new RuleCompilationException("rules", List.of(new RuleProblem("a/b.drl", 12, "bad"),
            new RuleProblem("evidence.json", 0, "missing"))), "validate-rules");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("Rules in rules cannot be used (2 problems):", "a/b.drl:12: bad",
            "evidence.json:0: missing");
    }

    @Test
    void ioProblemsAreOneLineInWords() {
        int code = handle(new UncheckedIOException(new NoSuchFileException("in.ndjson")), "batch", "--input", "a", "--output", "b");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: no such file: in.ndjson\n");
    }

    @Test
    void commandLinesBuiltOverNetlmCliGetThisHandler() {
        assertThat(new CommandLine(new NetlmCli()).getExecutionExceptionHandler()).isInstanceOf(ErrorHandler.class);
    }
}
