package org.netlm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.netlm.engine.RuleCompilationException;
import org.netlm.io.PatientInputException;
import picocli.CommandLine;

/**
 * Turns an exception from a command into lines for the user and an exit code: rule problems one per line
 * ({@code file:line: message}) with code 2, other known failures one line with code 1, anything unexpected
 * one line ("internal error") with code 1. The stack trace is shown only with {@code --debug}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int OK = 0;
    static final int INVALID_INPUT = 1;
    static final int RULES_FAILED = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = report(ex, err);
        if (debug(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static int report(Throwable ex, PrintWriter err) {
        if (ex instanceof RuleCompilationException rce) {
            err.println(rce.getMessage()); // header line, then one file:line: message line per problem
            return RULES_FAILED;
        }
        if (ex instanceof CliException ce) {
            err.println(ce.getMessage());
            return ce.exitCode();
        }
        if (ex instanceof PatientInputException pie) {
            err.println(pie.getMessage());
            return INVALID_INPUT;
        }
        if (ex instanceof UncheckedIOException || ex instanceof IOException) {
            err.println("error: " + reason(ex instanceof UncheckedIOException u ? u.getCause() : ex));
            return INVALID_INPUT;
        }
        err.println("internal error: " + ex + " (run with --debug for the stack trace)");
        return INVALID_INPUT;
    }

    /** An I/O failure in words: "no such file: x", "not a folder: x", "permission denied: x", else the message. */
    static String reason(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof NotDirectoryException n) {
            return "not a folder: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static boolean debug(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
