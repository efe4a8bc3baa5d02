package org.netlm.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.netlm.audit.AuditEntry;
import org.netlm.audit.AuditStore;
import org.netlm.audit.AuditUnavailableException;
import org.netlm.batch.BatchJob;
import org.netlm.batch.Outcome;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import picocli.CommandLine.Option;

/**
 * {@code --audit} for commands that assess patients: every assessment is recorded in the audit store before it is
 * written out, so nothing is shown that was not recorded; a store that fails stops the command (exit 1).
 * {@code evaluate} records patient by patient; {@code batch} records each group of lines in one transaction
 * ({@link Recorder#recordAll}) and leaves rejected lines out (nothing was recommended for them).
 */
final class AuditOption {
    @Option(names = "--audit", description = "Record every assessment in the audit store (docs/audit.md).")
    boolean audit;

    @Option(names = "--audit-config", paramLabel = "FILE",
        description = "With --audit: configuration (JSON) whose \"audit\" object names the store.")
    Path config;

    @Option(names = "--audit-dir", paramLabel = "DIR",
        description = "With --audit: folder of the embedded audit database (default: ./netlm-audit).")
    Path dir;

    /** Whether {@code --audit} was given. */
    boolean enabled() {
        return audit;
    }

    /** What records the assessments of one command run; {@link #close} when done. */
    interface Recorder extends AutoCloseable {
        void record(PatientCase patient, Assessment assessment);

        /**
         * {@code batch}: records the assessed lines among {@code outcomes} in one transaction as lines of {@code run}
         * ({@link BatchJob.Recorder}); the rejected ones are not recorded.
         */
        void recordAll(String run, List<Outcome<Assessment>> outcomes) throws IOException;

        @Override
        void close();
    }

    /** A recorder for {@code hook} (the command's name), or one that records nothing without {@code --audit}. */
    Recorder open(String hook) {
        if (!audit) {
            if (config != null || dir != null) {
                throw new CliException(ErrorHandler.INVALID_INPUT, "--audit-config and --audit-dir need --audit");
            }
            return new Recorder() {
                @Override
                public void record(PatientCase patient, Assessment assessment) {
                }

                @Override
                public void recordAll(String run, List<Outcome<Assessment>> outcomes) {
                }

                @Override
                public void close() {
                }
            };
        }
        AuditStore store = AuditCommand.open(config, dir);
        return new Recorder() {
            @Override
            public void record(PatientCase patient, Assessment a) {
                try {
                    store.record(entry(patient, a).build());
                } catch (AuditUnavailableException ex) {
                    throw new CliException(ErrorHandler.INVALID_INPUT, ex.getMessage());
                }
            }

            @Override
            public void recordAll(String run, List<Outcome<Assessment>> outcomes) throws IOException {
                List<AuditEntry> entries = new ArrayList<>(outcomes.size());
                for (Outcome<Assessment> o : outcomes) {
                    if (!o.isRejected()) {
                        entries.add(entry(o.patient(), o.result()).origin(run, o.line()).build());
                    }
                }
                try {
                    store.recordAll(entries);
                } catch (AuditUnavailableException ex) {
                    throw new IOException(ex.getMessage() + " (input lines " + outcomes.get(0).line() + " to "
                        + outcomes.get(outcomes.size() - 1).line() + " were neither recorded nor written)", ex);
                }
            }

            private AuditEntry.Builder entry(PatientCase patient, Assessment a) {
                AuditEntry.Builder e = AuditEntry.builder().time(Instant.now()).service("cli").hook(hook).assessment(a);
                if (store.storesInput()) {
                    e.inputJson(PatientJson.toTree(patient).toString());
                }
                return e;
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
