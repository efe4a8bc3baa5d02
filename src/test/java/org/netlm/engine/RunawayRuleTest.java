package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;
import org.netlm.testing.RuleFolder;

/** A rule edit that loops, or gets too slow, is stopped by the firing cap or the time limit with an exception that says where to look. */
class RunawayRuleTest {
    /** A tick fact, a rule that inserts the first tick and a rule that inserts the next one, without end. */
    private static final String TICKING = """
        declare Tick
            n : int
        end

        // a test rule that starts the loop
        rule "Start ticking"
            @id("LOOP-START") @evidence("XUE2025")
        when
            PatientCase()
        then
            insert(new Tick(0));
        end

        // a test rule that never stops
        rule "Tick forever"
            @id("LOOP-01") @evidence("XUE2025")
        when
            $t : Tick()
        then
            insert(new Tick($t.getN() + 1));
        end
        """;

    @Test
    void aRuleThatInsertsForeverIsStoppedAtTheFiringCapNamingTheFolderAndTheRule(@TempDir Path tmp) {
        RuleFolder folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), "recommendation/process.drl");
        folder.append("recommendation/process.drl", TICKING);
        NetlmEngine looping = NetlmEngine.fromDirectory(folder.dir());
        PatientCase p = Patients.resectableG2("p");
        PatientCase copy = p.toBuilder().build();

        assertThatThrownBy(() -> looping.assess(p))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("(limit " + NetlmEngine.MAX_FIRINGS + ")")
            .hasMessageContaining(folder.dir().toString())
            .hasMessageContaining("loops")
            .hasMessageContaining("LOOP-01");
        assertThat(p).isEqualTo(copy);
    }

    @Test
    void aRuleThatGetsSlowerWithEveryFiringIsHaltedAtTheTimeLimitLongBeforeTheFiringCap(@TempDir Path tmp) {
        RuleFolder folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), "recommendation/process.drl");
        folder.append("recommendation/process.drl", TICKING + """

            // a test rule whose condition joins every pair of ticks with every tick (no index applies): each new tick
            // costs n squared; evaluated before every tick (salience 10)
            rule "Three ticks that never add up"
                @id("SLOW-JOIN") @evidence("XUE2025")
                salience 10
            when
                Tick( $a : n )
                Tick( $b : n )
                Tick( n * 2 == $a + $b + 1000001 )
            then
                insert(new Tick(-1));
            end
            """);
        Duration limit = Duration.ofSeconds(2); // generous: a cold first assessment on a busy machine takes a while
        NetlmEngine slow = NetlmEngine.fromDirectory(folder.dir()).withTimeLimit(limit);
        PatientCase p = Patients.resectableG2("p");

        for (int attempt = 0; attempt < 2; attempt++) { // the halted session goes back to the pool and is usable again
            long start = System.nanoTime();
            assertThatThrownBy(() -> slow.assess(p))
                .isInstanceOf(RuleTimeLimitException.class)
                .hasMessageContaining("time limit of 2000 ms")
                .hasMessageContaining(folder.dir().toString())
                .hasMessageContaining("most fired: LOOP-")
                .satisfies(e -> assertThat(((RuleTimeLimitException) e).getLimit()).isEqualTo(limit));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("halted soon after the limit").isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void theDefaultTimeLimitIsAFewSecondsAndOnlyPositiveLimitsAreAccepted() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        assertThat(engine.timeLimit()).isEqualTo(NetlmEngine.DEFAULT_TIME_LIMIT).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(engine.withTimeLimit(Duration.ofMillis(50)).timeLimit()).isEqualTo(Duration.ofMillis(50));
        assertThat(engine.withTimeLimit(Duration.ofSeconds(60)).assess(Patients.resectableG2("p")).recommendations()).isNotEmpty();
        assertThatThrownBy(() -> engine.withTimeLimit(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noValidPatientComesNearTheFiringCap() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        int most = Patients.valid().sampleStream().limit(200).mapToInt(p -> engine.assess(p).firedRules().size()).max().orElseThrow();
        assertThat(most).isPositive().isLessThan(NetlmEngine.MAX_FIRINGS / 10);
    }
}
