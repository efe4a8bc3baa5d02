package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.model.PatientCase;
import org.netlm.testing.Patients;
import org.netlm.testing.RuleFolder;

/** A rule edit that loops is stopped by the firing cap with an exception that says where to look. */
class RunawayRuleTest {

    @Test
    void aRuleThatInsertsForeverIsStoppedAtTheFiringCapNamingTheFolderAndTheRule(@TempDir Path tmp) {
        RuleFolder folder = RuleFolder.copyOfBundled(tmp.resolve("rules"), "recommendation/process.drl");
        folder.append("recommendation/process.drl", """
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
            """);
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
    void noValidPatientComesNearTheFiringCap() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        int most = Patients.valid().sampleStream().limit(200).mapToInt(p -> engine.assess(p).firedRules().size()).max().orElseThrow();
        assertThat(most).isPositive().isLessThan(NetlmEngine.MAX_FIRINGS / 10);
    }
}
