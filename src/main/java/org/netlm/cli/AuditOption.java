package org.netlm.cli;

import java.nio.file.Path;
import java.time.Instant;
import org.netlm.audit.AuditEntry;
import org.netlm.audit.AuditStore;
import org.netlm.audit.AuditUnavailableException;
import org.netlm.io.PatientJson;
import org.netlm.model.Assessment;
import org.netlm.model.PatientCase;
import picocli.CommandLine.Option;

/**
 * {@code --audit} for commands that assess patients: every assessment is recorded in the audit store before it is
 * written out, so nothing is shown that was not recorded; a store that fails stops the command (exit 1).
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

    /** What records the assessments of one command run; {@link #close} when done. */
    interface Recorder extends AutoCloseable {
        void record(PatientCase patient, Assessment assessment);

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
                public void close() {
                }
            };
        }
        AuditStore store = AuditCommand.open(config, dir);
        return new Recorder() {
            @Override
            public void record(PatientCase patient, Assessment a) {
                AuditEntry.Builder e = AuditEntry.builder().time(Instant.now()).service("cli").hook(hook).assessment(a);
                if (store.storesInput()) {
                    e.inputJson(PatientJson.toTree(patient).toString());
                }
                try {
                    store.record(e.build());
                } catch (AuditUnavailableException ex) {
                    throw new CliException(ErrorHandler.INVALID_INPUT, ex.getMessage());
                }
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
