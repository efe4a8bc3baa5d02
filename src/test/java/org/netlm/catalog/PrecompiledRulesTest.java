package org.netlm.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.netlm.engine.NetlmEngine;

/**
 * The jar carries the bundled rules twice: as DRL text (the interface requires it; the catalogue and the
 * rule-set digest read it) and as the executable model pre-compiled by kie-maven-plugin. A misconfigured
 * plugin silently builds an empty model and strips the DRL: these tests catch both.
 */
class PrecompiledRulesTest {
    private static final Path RULES = Path.of("rules");

    @Test
    void thePrecompiledModelHoldsExactlyTheRulesOfTheBundledDrl() throws Exception {
        Optional<KieBase> pre = KieBaseFactory.precompiled();
        assertThat(pre).as("pre-compiled bundled rules on the classpath").isPresent();
        RuleCatalog catalog = RuleCatalog.read(RuleSource.fromDirectory(RULES), null);
        Set<String> compiled = RuleSet.ruleNames(pre.get());
        assertThat(compiled).as("rules in the pre-compiled KIE base").isNotEmpty()
            .containsExactlyInAnyOrderElementsOf(catalog.rules().stream().map(RuleInfo::name).toList());
    }

    @Test
    void theDefaultEngineRunsOnThePrecompiledModel() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        assertThat(engine.usesPrecompiledRules()).isTrue();
        assertThat(RuleSet.ruleNames(engine.kieBase())).hasSize(engine.catalog().rules().size());
    }

    @Test
    void anEditedFolderIsCompiledFromItsDrl() {
        NetlmEngine engine = NetlmEngine.fromDirectory(RULES);
        assertThat(engine.usesPrecompiledRules()).isFalse();
        assertThat(RuleSet.ruleNames(engine.kieBase())).hasSize(engine.catalog().rules().size());
    }

    @Test
    void theBundledDrlFilesShipBesideThePrecompiledModel() throws Exception {
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(RULES)) {
            onDisk = walk.filter(p -> p.toString().endsWith(".drl")).map(p -> RULES.relativize(p).toString().replace('\\', '/'))
                .sorted().toList();
        }
        assertThat(RuleSource.bundled().drlFiles()).extracting(RuleSource.DrlFile::path).isNotEmpty()
            .containsExactlyElementsOf(onDisk);
    }
}
