package org.netlm.batch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Ids of audited batch runs: the start time (UTC, to the second) and a random part, e.g. {@code 20261130T112233Z-3f1c…}. */
final class AuditRunIds {
    /** Longest id kept (the audit store's limit). */
    static final int MAX_LENGTH = 64;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AuditRunIds() {
    }

    static String next() {
        return STAMP.format(Instant.now()) + "-" + UUID.randomUUID();
    }
}
