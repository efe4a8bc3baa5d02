package org.netlm.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Group commit: callers that record while a transaction is being written share the next one; each returns only once
 * its own entry is committed, and a failed transaction fails exactly the callers whose entries it held.
 */
class GroupCommitTest {
    static final AuditEntry ENTRY = AuditStoreContract.entry("MRN-1", Instant.parse("2026-03-02T10:15:30Z"), "card-1");

    @Test
    void callsThatArriveDuringAWriteShareTheNextTransaction() throws Exception {
        List<List<AuditEntry>> transactions = new CopyOnWriteArrayList<>();
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(entries -> {
            transactions.add(List.copyOf(entries));
            if (transactions.size() == 1) {
                firstWriting.countDown();
                await(release);
            }
        });
        ExecutorService callers = Executors.newFixedThreadPool(9);
        try {
            Future<?> first = callers.submit(() -> commit.record(ENTRY));
            assertThat(firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> waiting = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                waiting.add(callers.submit(() -> commit.record(ENTRY)));
            }
            Thread.sleep(300); // the eight are queued behind the first transaction
            assertThat(waiting).noneMatch(Future::isDone);
            assertThat(first.isDone()).as("returns only when its transaction is committed").isFalse();
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> w : waiting) {
                w.get(10, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(transactions).extracting(List::size).containsExactly(1, 8);
    }

    @Test
    void aFailedTransactionFailsEveryCallerInItAndTheNextCallsAreWritten() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        List<Integer> written = new CopyOnWriteArrayList<>();
        GroupCommit commit = new GroupCommit(entries -> {
            if (down.get()) {
                throw new AuditUnavailableException("database down", null);
            }
            written.add(entries.size());
        });
        assertThatThrownBy(() -> commit.record(ENTRY)).isInstanceOf(AuditUnavailableException.class)
            .hasMessageContaining("database down");
        down.set(false);
        commit.record(ENTRY);
        assertThat(written).containsExactly(1);
    }

    @Test
    void anUnexpectedErrorOfTheStoreReachesTheCallerAsAnUnavailableStore() {
        GroupCommit commit = new GroupCommit(entries -> {
            throw new IllegalStateException("pool closed");
        });
        assertThatThrownBy(() -> commit.record(ENTRY)).isInstanceOf(AuditUnavailableException.class)
            .hasMessageContaining("pool closed");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
