package org.netlm.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void aJtiIsAcceptedOncePerIssuerWhileItLives() {
        ReplayGuard g = new ReplayGuard(10);
        assertThat(g.use("a", "j1", NOW.plusSeconds(60), NOW)).isEqualTo(ReplayGuard.Outcome.FIRST_USE);
        assertThat(g.use("a", "j1", NOW.plusSeconds(60), NOW.plusSeconds(30))).isEqualTo(ReplayGuard.Outcome.REPLAYED);
        assertThat(g.use("b", "j1", NOW.plusSeconds(60), NOW)).isEqualTo(ReplayGuard.Outcome.FIRST_USE);
    }

    @Test
    void expiredJtisAreForgottenSoMemoryStaysBounded() {
        ReplayGuard g = new ReplayGuard(3);
        for (int i = 0; i < 3; i++) {
            g.use("a", "j" + i, NOW.plusSeconds(10), NOW);
        }
        assertThat(g.use("a", "late", NOW.plusSeconds(100), NOW.plusSeconds(5))).isEqualTo(ReplayGuard.Outcome.FULL);
        assertThat(g.use("a", "late", NOW.plusSeconds(100), NOW.plusSeconds(11))).isEqualTo(ReplayGuard.Outcome.FIRST_USE);
        assertThat(g.size()).isEqualTo(1);
    }

    @Test
    void aFullMemoryIsSweptForExpiredEntriesOutOfInsertionOrder() {
        ReplayGuard g = new ReplayGuard(2);
        g.use("a", "long", NOW.plusSeconds(1000), NOW);
        g.use("b", "short", NOW.plusSeconds(10), NOW);
        assertThat(g.use("a", "next", NOW.plusSeconds(100), NOW.plusSeconds(20))).isEqualTo(ReplayGuard.Outcome.FIRST_USE);
        assertThat(g.size()).isEqualTo(2);
    }
}
