package org.netlm.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: an H2 file database in a folder. */
class H2AuditStoreTest extends AuditStoreContract {
    @TempDir
    Path dir;

    private int opened;

    @Override
    AuditStore open(boolean storeIds, boolean storeInput) {
        // a new folder per store, except that a reopened store in one test sees the same folder
        Path folder = dir.resolve("audit-" + opened++);
        return JdbcAuditStore.open(AuditConfig.embedded(folder, SECRET).withPatientIds(storeIds).withInput(storeInput));
    }

    @Test
    void theEmbeddedDefaultNeedsNoSetUpAndKeepsItsOwnSecretSoKeysStayStable() throws Exception {
        Path folder = dir.resolve("default");
        String key;
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.embedded(folder, null))) {
            s.record(entry("MRN-1", Instant.now()));
            key = s.patientKey("MRN-1");
        }
        assertThat(folder.resolve(AuditConfig.SECRET_FILE)).exists();
        assertThat(Files.getPosixFilePermissions(folder.resolve(AuditConfig.SECRET_FILE)))
            .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.embedded(folder, null))) {
            assertThat(s.patientKey("MRN-1")).isEqualTo(key);
            assertThat(s.show(key)).hasSize(1);
        }
    }

    @Test
    void reopeningMigratesNothingTwiceAndKeepsTheRecords() {
        Path folder = dir.resolve("reopen");
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.embedded(folder, SECRET))) {
            s.record(entry("a", Instant.now()));
        }
        try (AuditStore s = JdbcAuditStore.open(AuditConfig.embedded(folder, SECRET))) {
            assertThat(s.eventCount()).isEqualTo(1);
        }
    }

    @Test
    void differentSecretsGiveDifferentKeysForTheSameId() {
        assertThat(new PatientKeys("secret-number-one!!").keyOf("MRN-1"))
            .isNotEqualTo(new PatientKeys("secret-number-two!!").keyOf("MRN-1"))
            .isEqualTo(new PatientKeys("secret-number-one!!").keyOf("MRN-1"));
    }
}
