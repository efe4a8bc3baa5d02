package org.netlm.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netlm.testing.TestPostgres;

/**
 * The store contract on a real PostgreSQL server, plus what only a server can show: the database going away
 * during a load run and coming back. {@code .ci/run} installs PostgreSQL from Debian's packages, starts it and sets
 * {@code NETLM_TEST_PG_URL} (and {@code NETLM_TEST_PG_USER}, {@code NETLM_TEST_PG_PASSWORD},
 * {@code NETLM_TEST_PG_STOP}, {@code NETLM_TEST_PG_START}: shell commands that stop and start the server).
 * Outside CI without a server the tests are skipped with that message; in CI ({@code CI=true}) a missing server
 * is a failure, never a skip.
 */
class PostgresAuditStoreTest extends AuditStoreContract {
    static final String URL = TestPostgres.URL;
    static final String USER = TestPostgres.USER;
    static final String PASSWORD = TestPostgres.PASSWORD;

    @BeforeAll
    static void needsAServer() {
        TestPostgres.require();
    }

    @Override
    AuditStore open(boolean storeIds, boolean storeInput) {
        TestPostgres.reset();
        return JdbcAuditStore.open(AuditConfig.jdbc(URL, USER, PASSWORD, SECRET).withPatientIds(storeIds).withInput(storeInput));
    }

    @Test
    void whenTheServerStopsDuringALoadRunWritesFailCleanlyAndTheStoreRecoversWhenItReturns() throws Exception {
        String stop = System.getenv("NETLM_TEST_PG_STOP");
        String start = System.getenv("NETLM_TEST_PG_START");
        Assumptions.assumeTrue(stop != null && start != null, "NETLM_TEST_PG_STOP / NETLM_TEST_PG_START not set");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong succeeded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            done.add(writers.submit(() -> {
                while (running.get()) {
                    try {
                        acknowledged.add(store.record(entry("load", Instant.now(), UUID.randomUUID().toString())));
                        succeeded.incrementAndGet();
                    } catch (AuditUnavailableException e) {
                        failed.incrementAndGet();
                        sleep(50);
                    }
                }
            }));
        }
        try {
            awaitAtLeast(succeeded, 20, Duration.ofSeconds(30));
            shell(stop);
            long failedBefore = failed.get();
            awaitAtLeast(failed, failedBefore + 4, Duration.ofSeconds(30));
            shell(start);
            long okAfterRestart = succeeded.get();
            awaitAtLeast(succeeded, okAfterRestart + 20, Duration.ofSeconds(60));
        } finally {
            running.set(false);
            writers.shutdown();
            writers.awaitTermination(30, TimeUnit.SECONDS);
            shellQuietly(start);
        }
        for (Future<?> f : done) {
            f.get();
        }
        assertThat(failed.get()).as("writes failed while the server was down").isPositive();
        // Every write that returned is there, whole. A failed write left nothing, except that a commit whose
        // acknowledgement the dying server never sent may be stored although the caller saw a failure (and answered 503):
        // over-recording, never under-recording.
        assertThat(store.eventCount()).isBetween(succeeded.get(), succeeded.get() + failed.get());
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM audit_event")) {
            Set<Long> stored = new HashSet<>();
            while (r.next()) {
                stored.add(r.getLong(1));
            }
            assertThat(stored).as("every acknowledged write is stored").containsAll(acknowledged);
        }
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit_event e WHERE NOT EXISTS "
                 + "(SELECT 1 FROM audit_card c WHERE c.event_id = e.id) OR NOT EXISTS "
                 + "(SELECT 1 FROM audit_recommendation x WHERE x.event_id = e.id)")) {
            r.next();
            assertThat(r.getLong(1)).as("events without their cards or recommendations").isZero();
        }
    }

    private static void awaitAtLeast(AtomicLong counter, long target, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                fail("waited " + limit + " for " + target + " (at " + counter.get() + ")");
            }
            Thread.sleep(20);
        }
    }

    private static void shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("command failed: " + command);
        }
    }

    private static void shellQuietly(String command) {
        try {
            new ProcessBuilder("sh", "-c", command).start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
