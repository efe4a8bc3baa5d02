package org.netlm.service;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the {@code jti} of every accepted token until it expires, so that a replayed token is refused.
 * Bounded: at most {@code capacity} entries; expired ones are dropped first; when it is still full, new tokens
 * are refused (fail closed) rather than forgetting live ones. Thread-safe.
 */
final class ReplayGuard {
    enum Outcome { FIRST_USE, REPLAYED, FULL }

    private final int capacity;
    /** (issuer, jti) to expiry, in insertion order; tokens have a bounded lifetime, so the oldest expire first. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    synchronized Outcome use(String issuer, String jti, Instant expiry, Instant now) {
        String key = issuer.length() + ":" + issuer + jti;
        dropExpired(now);
        Instant known = seen.get(key);
        if (known != null) {
            return Outcome.REPLAYED;
        }
        if (seen.size() >= capacity) {
            purgeAll(now);
            if (seen.size() >= capacity) {
                return Outcome.FULL;
            }
        }
        seen.put(key, expiry);
        return Outcome.FIRST_USE;
    }

    synchronized int size() {
        return seen.size();
    }

    private void dropExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().isBefore(now)) {
                it.remove();
            } else {
                return;
            }
        }
    }

    /** Lifetimes differ between issuers: a full cache is swept completely before it refuses. */
    private void purgeAll(Instant now) {
        seen.entrySet().removeIf(e -> e.getValue().isBefore(now));
    }
}
