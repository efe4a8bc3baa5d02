package org.netlm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.netlm.audit.AuditConfig;
import org.netlm.audit.AuditEvent;
import org.netlm.audit.AuditReports;
import org.netlm.audit.AuditStore;
import org.netlm.audit.AuditUnavailableException;
import org.netlm.audit.JdbcAuditStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code audit report|show|purge}: the audit store of the CDS service (and of {@code evaluate --audit} /
 * {@code batch --audit}) for rule authors and for retention. Exit 0, or 1 for bad arguments or a store that cannot
 * be read.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Read or purge the audit trail (docs/audit.md).",
    subcommands = {AuditCommand.Report.class, AuditCommand.Show.class, AuditCommand.Purge.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ErrorHandler.INVALID_INPUT;
    }

    /** Where the store is: the service's configuration file, or the embedded store's folder. */
    static final class StoreOptions {
        @Option(names = "--config", paramLabel = "FILE",
            description = "Service configuration (JSON) whose \"audit\" object names the store.")
        Path config;

        @Option(names = "--audit-dir", paramLabel = "DIR",
            description = "Folder of the embedded audit database (default: ./netlm-audit).")
        Path dir;

        AuditStore open() {
            return AuditCommand.open(config, dir);
        }

        /** Opens the store, prints what {@code work} makes of it on the command's output, and closes it; exit 0. */
        int print(CommandLine.Model.CommandSpec spec, Function<AuditStore, String> work) {
            try (AuditStore s = open()) {
                PrintWriter out = spec.commandLine().getOut();
                out.print(work.apply(s));
                out.flush();
            } catch (AuditUnavailableException e) {
                throw new CliException(ErrorHandler.INVALID_INPUT, e.getMessage());
            }
            return ErrorHandler.OK;
        }
    }

    /** Opens the store named by a configuration file or a folder (the embedded default when neither is given). */
    static AuditStore open(Path config, Path dir) {
        if (config != null && dir != null) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "give --config or --audit-dir, not both");
        }
        AuditConfig c;
        try {
            c = config != null ? AuditConfig.fromConfigFile(config)
                : AuditConfig.embedded(dir != null ? dir : AuditConfig.DEFAULT_FOLDER, null);
        } catch (IOException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, "cannot read " + config + ": " + ErrorHandler.reason(e));
        } catch (IllegalArgumentException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, e.getMessage());
        }
        try {
            return JdbcAuditStore.open(c);
        } catch (AuditUnavailableException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, e.getMessage());
        }
    }

    /** A date ({@code 2026-01-31}, the start of that day in UTC) or an instant ({@code 2026-01-31T12:00:00Z}). */
    static Instant instant(String option, String value) {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliException(ErrorHandler.INVALID_INPUT, option + ": \"" + value
                + "\" is not a date (2026-01-31) or an instant (2026-01-31T12:00:00Z)");
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
        description = "Per rule and per therapy: cards shown, accepted, overridden, top override reasons.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        StoreOptions store;

        @Option(names = "--since", paramLabel = "DATE", description = "Only calls from this date (UTC) or instant on.")
        String since;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), json or csv.")
        AuditReports.Format format;

        @Override
        public Integer call() {
            Instant from = since == null ? null : instant("--since", since);
            return store.print(spec, s -> AuditReports.render(s.report(from), format));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
        description = "What was recommended for one patient key, and when, with versions, cards and feedback.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        StoreOptions store;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
        AuditReports.Format format;

        @Parameters(index = "0", paramLabel = "PATIENT-KEY", description = "The pseudonymous key (pk-…).")
        String patientKey;

        @Override
        public Integer call() {
            if (format == AuditReports.Format.csv) {
                throw new CliException(ErrorHandler.INVALID_INPUT, "--format: show writes text or json");
            }
            return store.print(spec, s -> {
                List<AuditEvent> events = s.show(patientKey);
                return format == AuditReports.Format.json ? AuditReports.showJson(events) : AuditReports.show(patientKey, events);
            });
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete every call recorded before a date, with its recommendations, cards and feedback.")
    static final class Purge implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        StoreOptions store;

        @Option(names = "--before", required = true, paramLabel = "DATE", description = "Delete calls before this date (UTC) or instant.")
        String before;

        @Override
        public Integer call() {
            Instant until = instant("--before", before);
            return store.print(spec, s -> {
                int n = s.purge(until);
                return "purged " + n + (n == 1 ? " call" : " calls") + " recorded before " + until + "\n";
            });
        }
    }
}
