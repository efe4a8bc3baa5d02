package org.netlm.testing;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.netlm.audit.JdbcAuditStore;

/**
 * The PostgreSQL server of the audit tests: {@code .ci/run} installs it from Debian's packages, starts it and sets
 * {@code NETLM_TEST_PG_URL} (and {@code NETLM_TEST_PG_USER}, {@code NETLM_TEST_PG_PASSWORD}, {@code NETLM_TEST_PG_STOP},
 * {@code NETLM_TEST_PG_START}: shell commands that stop and start the server). Outside CI without a server the tests
 * that need it are skipped with that message; in CI ({@code CI=true}) a missing server is a failure, never a skip.
 */
public final class TestPostgres {
    public static final String URL = System.getenv("NETLM_TEST_PG_URL");
    public static final String USER = System.getenv("NETLM_TEST_PG_USER");
    public static final String PASSWORD = System.getenv("NETLM_TEST_PG_PASSWORD");

    private TestPostgres() {
    }

    /** Skips the calling test outside CI when no server is configured; fails it in CI. */
    public static void require() {
        if (URL == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but NETLM_TEST_PG_URL is not set: .ci/run must start PostgreSQL for the audit tests");
            }
            Assumptions.abort("PostgreSQL audit tests skipped: set NETLM_TEST_PG_URL (see .ci/run) to run them");
        }
    }

    /** An empty database: the audit tables and Flyway's history go. */
    public static void reset() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS audit_feedback, audit_card, audit_recommendation, audit_event, "
                + JdbcAuditStore.HISTORY_TABLE + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the test database " + URL, e);
        }
    }
}
