package org.netlm.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class CommonOptions {
    @Option(names = "--debug", description = "Show the stack trace of an unexpected error.")
    boolean debug;

    @Option(names = "--verbose", description = "Log what the engine does (INFO level, standard error).")
    boolean verbose;
}
