package org.netlm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netlm.workbench.WorkbenchServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code workbench [--rules DIR] [--port N] [--bind ADDR]}: the local rule workbench page until SIGTERM or Ctrl-C
 * (exit 0). Loopback only unless {@code --bind} names another address, which is warned about: the page can change
 * rule files.
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serve the local rule workbench: what-if patients with why / why-not, rule validation and catalogue,",
        "and the impact of an edit on the cohort. Open the printed address in a browser. See docs/workbench.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:clean shutdown", "1:bad options or the port is taken"})
final class WorkbenchCommand implements Callable<Integer> {
    /** The address bound without --bind. */
    static final String LOOPBACK = "127.0.0.1";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--rules", paramLabel = "DIR",
        description = "Rule folder to work on (default: the bundled rules, read-only).")
    Path rules;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8081",
        description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one, shown in the start line).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR",
        description = "Address to listen on (default 127.0.0.1, this computer only). Anyone who reaches another address can change rule files.")
    String bind;

    @Option(names = "--scenarios", paramLabel = "DIR", arity = "1..*",
        description = "Scenario files or folders run to show which scenarios fire each rule (default: src/test/resources/scenarios when present).")
    List<Path> scenarios;

    @Option(names = "--cohort", paramLabel = "FILE", arity = "1..*",
        description = "Cohort of the impact panel (default: examples/cohort when present).")
    List<Path> cohort;

    @Option(names = "--compare", paramLabel = "DIR",
        description = "Another rule folder the impact panel can compare with (besides the bundled rules).")
    Path compare;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--port: " + port + ": must be between 0 and 65535");
        }
        PrintWriter err = spec.commandLine().getErr();
        String host = bind == null ? LOOPBACK : bind;
        bindWarning(bind, rules).ifPresent(w -> {
            err.println(w);
            err.flush();
        });
        if (rules != null && !Files.isDirectory(rules)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--rules: not a folder: " + rules);
        }
        if (compare != null && !Files.isDirectory(compare)) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "--compare: not a folder: " + compare);
        }
        WorkbenchServer.Config config = new WorkbenchServer.Config(rules, host, port,
            orDefault(scenarios, Path.of("src/test/resources/scenarios")), orDefault(cohort, Path.of("examples/cohort")), compare,
            Duration.ofSeconds(1), Runtime.getRuntime().availableProcessors());
        WorkbenchServer server;
        try {
            server = WorkbenchServer.start(config);
        } catch (RuntimeException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "cannot start the workbench on " + host + ":" + port + ": "
                + ErrorHandler.reason(e.getCause() != null ? e.getCause() : e));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("NETLM workbench: open " + server.url() + " (Ctrl-C stops it). Decision support, not a prescription.");
        out.flush();
        UntilTerminated.await(server::stop, "netlm-workbench");
        return ErrorHandler.OK;
    }

    /** The given paths, else the default when it exists, else none. */
    private static List<Path> orDefault(List<Path> given, Path fallback) {
        if (given != null) {
            return given;
        }
        return Files.exists(fallback) ? List.of(fallback) : List.of();
    }

    /** The warning for {@code --bind} with an address other computers can reach (none for loopback or no --bind). */
    static Optional<String> bindWarning(String bind, Path rules) {
        if (bind == null || isLoopback(bind)) {
            return Optional.empty();
        }
        return Optional.of("WARNING: --bind " + bind + ": the workbench is reachable from other computers, and its page can change the "
            + "rule files" + (rules == null ? "" : " in " + rules) + ". Use it only on a network you trust.");
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
