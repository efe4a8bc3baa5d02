package org.netlm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.netlm.engine.NetlmEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code netlm} command line: {@code evaluate}, {@code validate-rules}, {@code test}, {@code batch},
 * {@code catalog} and {@code serve} (interface.md, "Command line"). Exit codes: 0 ok, 1 invalid input or failed scenarios or
 * rejected lines, 2 rules that do not compile (and picocli's usage errors). Errors are one line per problem;
 * {@code --debug} adds the stack trace.
 *
 * <p>In-process use (tests, tools): {@code new CommandLine(new NetlmCli(stdin)).setOut(…).setErr(…).execute(args)};
 * the error handling is installed on the command line by the model transformer, so it needs no extra setup.
 */
@Command(name = "netlm", mixinStandardHelpOptions = true, versionProvider = NetlmCli.Version.class,
    modelTransformer = NetlmCli.Setup.class,
    description = "Decision support for liver metastases of neuroendocrine tumours (tumour board, not a prescription).",
    subcommands = {EvaluateCommand.class, ValidateRulesCommand.class, TestCommand.class, BatchCommand.class, ImpactCommand.class,
        CatalogCommand.class, ServeCommand.class, WorkbenchCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class NetlmCli implements Callable<Integer> {
    /** Classpath resource with the CLI's logging configuration (logs to standard error only). */
    public static final String LOGBACK_CONFIG = "netlm-cli-logback.xml";
    /** System property read by {@link #LOGBACK_CONFIG} for the level of the org.netlm loggers. */
    public static final String LOG_LEVEL_PROPERTY = "netlm.log.level";

    private final InputStream stdin;
    private PrintWriter consoleWriter;
    private OutputStream consoleBytes;

    @Spec
    CommandSpec spec;

    /** A command line reading standard input from {@link System#in}. */
    public NetlmCli() {
        this(System.in);
    }

    /** A command line reading {@code -} (standard input) from {@code stdin}. */
    public NetlmCli(InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    public static void main(String[] args) {
        configureLogging(Arrays.asList(args).contains("--verbose"));
        NetlmCli app = new NetlmCli();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        app.console(out, System.out);
        CommandLine cli = new CommandLine(app)
            .setOut(out)
            .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }

    /**
     * Points Logback at {@link #LOGBACK_CONFIG} unless the user chose a configuration; must run before
     * the first logger is created.
     */
    static void configureLogging(boolean verbose) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        if (verbose && System.getProperty(LOG_LEVEL_PROPERTY) == null) {
            System.setProperty(LOG_LEVEL_PROPERTY, "INFO");
        }
    }

    /** Without a subcommand: the usage, on standard error, and exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * Declares {@code writer} a UTF-8 writer over {@code bytes} (standard output in {@link #main}), so that
     * {@code batch --output -} can write its bytes without the writer in between.
     */
    void console(PrintWriter writer, OutputStream bytes) {
        this.consoleWriter = Objects.requireNonNull(writer, "writer");
        this.consoleBytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** The bytes under {@code writer} when it is the console writer of {@link #console}, else {@code null}. */
    OutputStream consoleBytes(PrintWriter writer) {
        return writer != null && writer == consoleWriter ? consoleBytes : null;
    }

    /** Standard input, for {@code -}. */
    InputStream stdin() {
        return stdin;
    }

    /**
     * The engine over {@code rules}, or the bundled rules when {@code null}.
     *
     * @throws org.netlm.engine.RuleCompilationException when the rules do not compile (exit code 2)
     * @throws CliException                              when the folder cannot be read (exit code 2)
     */
    static NetlmEngine engine(Path rules) {
        if (rules == null) {
            return NetlmEngine.withDefaultRules();
        }
        try {
            return NetlmEngine.fromDirectory(rules);
        } catch (UncheckedIOException e) {
            throw new CliException(ErrorHandler.RULES_FAILED, "cannot read rule folder " + rules + ": " + ErrorHandler.reason(e.getCause()));
        }
    }

    /** Installs the error handling and case-insensitive enum values on every command line built over NetlmCli. */
    public static final class Setup implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            CommandLine cl = spec.commandLine();
            if (cl != null) {
                cl.setExecutionExceptionHandler(new ErrorHandler());
                cl.setCaseInsensitiveEnumValuesAllowed(true);
            }
            return spec;
        }
    }

    /** {@code netlm --version}: the library version from the build. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (var in = NetlmCli.class.getResourceAsStream("/org/netlm/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"netlm-rules " + p.getProperty("version", "dev")};
        }
    }
}
