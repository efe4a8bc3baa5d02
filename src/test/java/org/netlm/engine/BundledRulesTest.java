package org.netlm.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.netlm.testing.Patients;
import org.netlm.testing.RuleFolder;
import org.netlm.catalog.RuleInfo;

/** The knowledge base shipped in the jar: compiled, complete, and compiled only once. */
class BundledRulesTest {

    private static Set<String> compiledRuleIds(NetlmEngine engine) {
        return engine.kieBase().getKiePackages().stream()
            .map(KiePackage::getRules)
            .flatMap(Collection::stream)
            .map(FiringRecorder::ruleId)
            .collect(Collectors.toSet());
    }

    @Test
    void theBundledKieBaseHoldsMoreThanFortyRules() {
        long rules = NetlmEngine.withDefaultRules().kieBase().getKiePackages().stream()
            .mapToLong(p -> p.getRules().size()).sum();
        assertThat(rules).isGreaterThan(40);
    }

    @Test
    void everyRuleOfTheCatalogueIsInTheCompiledBaseAndNothingElse() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        Set<String> catalogue = engine.catalog().rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
        assertThat(catalogue).hasSizeGreaterThan(40).doesNotContainNull();
        assertThat(compiledRuleIds(engine)).isEqualTo(catalogue);
    }

    @Test
    void everyCompiledRuleCarriesItsIdAndEvidenceAsMetadata() {
        for (KiePackage pkg : NetlmEngine.withDefaultRules().kieBase().getKiePackages()) {
            for (Rule r : pkg.getRules()) {
                assertThat(r.getMetaData()).as(r.getName()).containsKeys("id", "evidence");
            }
        }
    }

    @Test
    void theBundledRulesPassTheHygieneChecks() {
        assertThat(NetlmEngine.withDefaultRules().catalog().problems()).isEmpty();
    }

    @Test
    void withDefaultRulesCompilesOnceAndReturnsTheSameEngine() {
        NetlmEngine first = NetlmEngine.withDefaultRules();
        NetlmEngine second = NetlmEngine.withDefaultRules();
        assertThat(second).isSameAs(first);
        assertThat(second.kieBase()).isSameAs(first.kieBase());
        assertThat(first.sourceName()).isEqualTo("bundled rules");
    }

    @Test
    void withDefaultRulesGivesTheSameEngineToThreadsThatAskAtOnce() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            var futures = new ArrayList<Future<NetlmEngine>>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(NetlmEngine::withDefaultRules));
            }
            NetlmEngine expected = NetlmEngine.withDefaultRules();
            for (var f : futures) {
                assertThat(f.get()).isSameAs(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theRulesetVersionIsTheLibraryVersionPlusADigestOfTheRuleFiles(@TempDir Path a, @TempDir Path b) {
        String bundled = NetlmEngine.withDefaultRules().rulesetVersion();
        assertThat(bundled).matches("[^+]+\\+[0-9a-f]{12}");
        NetlmEngine copy = NetlmEngine.fromDirectory(RuleFolder.copyOfBundled(a).dir());
        assertThat(copy.rulesetVersion()).as("same files, same version").isEqualTo(bundled);

        RuleFolder edited = RuleFolder.copyOfBundled(b);
        edited.append("recommendation/process.drl", "\n// an added comment changes the digest\n");
        assertThat(NetlmEngine.fromDirectory(edited.dir()).rulesetVersion()).isNotEqualTo(bundled)
            .startsWith(bundled.substring(0, bundled.indexOf('+') + 1));
    }

    @Test
    void theKnowledgeVersionIsDeclaredByTheRuleFolderAndReportedByEveryAssessment() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();

        assertThat(engine.knowledgeVersion()).isEqualTo("2.0.0");
        assertThat(engine.knowledge().model()).isEqualTo("NETLM decision model version 2");
        assertThat(engine.assess(Patients.resectableG2("k")).knowledgeVersion()).isEqualTo("2.0.0");
    }

    @Test
    void theRulesetDigestCoversTheKnowledgeVersionFile(@TempDir Path a) throws Exception {
        NetlmEngine bundled = NetlmEngine.withDefaultRules();
        RuleFolder edited = RuleFolder.copyOfBundled(a);
        edited.replace("knowledge.json", "\"version\": \"2.0.0\"", "\"version\": \"2.0.1\"");

        NetlmEngine engine = NetlmEngine.fromDirectory(edited.dir());

        assertThat(engine.knowledgeVersion()).isEqualTo("2.0.1");
        assertThat(engine.rulesetVersion()).isNotEqualTo(bundled.rulesetVersion());
        assertThat(engine.assess(Patients.resectableG2("k")).knowledgeVersion()).isEqualTo("2.0.1");
    }

    @Test
    void theEngineExposesTheEvidenceRegistryOfItsRuleFolder() {
        NetlmEngine engine = NetlmEngine.withDefaultRules();
        assertThat(engine.evidence().all()).hasSizeGreaterThan(10);
        assertThat(engine.catalog().rules()).allSatisfy(r ->
            assertThat(r.evidenceKeys()).isNotEmpty().allMatch(engine.evidence()::contains));
        assertThat(engine.catalog().rules().stream().map(RuleInfo::file).filter(Objects::nonNull).collect(Collectors.toSet()))
            .contains("recommendation/surgery.drl", "classification/grade.drl", "resolution/tumour-board.drl");
    }
}
