package org.netlm.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit for callers that each record one call and must not go on before it is stored (the CDS Hooks service
 * answers cards only once they are recorded): the calls that arrive while a transaction is being written are stored
 * together in the next one ({@link AuditStore#recordAll}, all or nothing), instead of one transaction each.
 *
 * <p>No thread of its own: a caller queues its entry and takes the commit lock; whoever holds it writes every entry
 * queued so far, its own included, and the callers whose entries it wrote find them done when they get the lock in
 * turn. {@link #record} returns only when the caller's entry is committed, and throws
 * {@link AuditUnavailableException} when the transaction that held it failed (then none of that group was stored).
 * Under no concurrency it is one transaction per call, as before.
 */
public final class GroupCommit {
    /** The most entries in one transaction (a burst is written in several). */
    static final int MAX_GROUP = 64;

    private final Consumer<List<AuditEntry>> writeAll;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commit = new ReentrantLock();

    /**
     * Writes to {@code store}.
     *
     * @param store the audit store
     */
    public GroupCommit(AuditStore store) {
        this(Objects.requireNonNull(store, "store")::recordAll);
    }

    /** Writes each group with {@code writeAll}, one transaction, all or nothing (tests give their own). */
    GroupCommit(Consumer<List<AuditEntry>> writeAll) {
        this.writeAll = writeAll;
    }

    /**
     * Records {@code entry}, in a transaction shared with the calls recorded at the same moment.
     *
     * @param entry the call to record
     * @throws AuditUnavailableException when the transaction that held it failed: nothing of it was stored
     */
    public void record(AuditEntry entry) {
        Pending mine = new Pending(Objects.requireNonNull(entry, "entry"));
        queue.add(mine);
        commit.lock();
        try {
            while (!mine.done) {
                List<Pending> group = new ArrayList<>();
                for (Pending p = queue.poll(); p != null; p = group.size() < MAX_GROUP ? queue.poll() : null) {
                    group.add(p);
                }
                write(group);
            }
        } finally {
            commit.unlock();
        }
        if (mine.failure != null) {
            throw new AuditUnavailableException(mine.failure.getMessage(), mine.failure);
        }
    }

    private void write(List<Pending> group) {
        List<AuditEntry> entries = new ArrayList<>(group.size());
        group.forEach(p -> entries.add(p.entry));
        AuditUnavailableException failure = null;
        try {
            writeAll.accept(entries);
        } catch (AuditUnavailableException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new AuditUnavailableException("the audit record could not be written: " + e.getMessage(), e);
        }
        for (Pending p : group) {
            p.failure = failure;
            p.done = true; // read under the same lock by its caller
        }
    }

    /** One caller's entry; its fields are written and read under the commit lock. */
    private static final class Pending {
        final AuditEntry entry;
        boolean done;
        AuditUnavailableException failure;

        Pending(AuditEntry entry) {
            this.entry = entry;
        }
    }
}
