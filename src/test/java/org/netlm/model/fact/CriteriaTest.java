package org.netlm.model.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netlm.model.Criterion;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionState;

/** The one fact recommendation rules match: what each condition accepts, and how a criterion is looked up. */
class CriteriaTest {
    private final Criteria criteria = Criteria.of(List.of(
        Criterion.of(CriterionCode.NET, CriterionState.MET, "differentiation=WELL"),
        Criterion.of(CriterionCode.SSTR_NEGATIVE, CriterionState.UNMET, "sstrStatus=POSITIVE"),
        Criterion.of(CriterionCode.LOW_PROLIFERATION, CriterionState.UNKNOWN, "no data")));

    @Test
    void eachConditionAcceptsExactlyTheStatesItNames() {
        assertThat(criteria.met(CriterionCode.NET)).isTrue();
        assertThat(criteria.notMet(CriterionCode.NET)).isFalse();
        assertThat(criteria.notUnmet(CriterionCode.NET)).isTrue();
        assertThat(criteria.unmet(CriterionCode.SSTR_NEGATIVE)).isTrue();
        assertThat(criteria.notMet(CriterionCode.SSTR_NEGATIVE)).isTrue();
        assertThat(criteria.notUnmet(CriterionCode.SSTR_NEGATIVE)).isFalse();
        assertThat(criteria.unknown(CriterionCode.LOW_PROLIFERATION)).isTrue();
        assertThat(criteria.notMet(CriterionCode.LOW_PROLIFERATION)).as("unknown is not true").isTrue();
        assertThat(criteria.notUnmet(CriterionCode.LOW_PROLIFERATION)).as("unknown is not false").isTrue();
        assertThat(criteria.met(CriterionCode.LOW_PROLIFERATION)).isFalse();
        assertThat(criteria.unmet(CriterionCode.LOW_PROLIFERATION)).isFalse();
    }

    @Test
    void aCriterionNoRuleDerivedSatisfiesNoConditionLikeAMissingFact() {
        assertThat(criteria.met(CriterionCode.FUNCTIONAL)).isFalse();
        assertThat(criteria.unmet(CriterionCode.FUNCTIONAL)).isFalse();
        assertThat(criteria.unknown(CriterionCode.FUNCTIONAL)).isFalse();
        assertThat(criteria.notMet(CriterionCode.FUNCTIONAL)).isFalse();
        assertThat(criteria.notUnmet(CriterionCode.FUNCTIONAL)).isFalse();
        assertThat(criteria.get(CriterionCode.FUNCTIONAL)).isNull();
    }

    @Test
    void allListsTheCriteriaInCodeOrderAndTheFirstDerivationOfACodeWins() {
        assertThat(criteria.all()).extracting(Criterion::getCode)
            .containsExactlyInAnyOrder(CriterionCode.NET, CriterionCode.SSTR_NEGATIVE, CriterionCode.LOW_PROLIFERATION)
            .isSortedAccordingTo(Enum::compareTo);
        CriteriaCollector c = new CriteriaCollector();
        c.add(null, Criterion.of(CriterionCode.NET, CriterionState.UNMET, "first"));
        c.add(null, Criterion.of(CriterionCode.NET, CriterionState.MET, "second"));
        Criteria done = c.complete();
        assertThat(done.all()).hasSize(1);
        assertThat(done.get(CriterionCode.NET).getBasis()).isEqualTo("first");
        assertThat(done.derivedBy(CriterionCode.NET)).isNull();
        assertThatThrownBy(() -> done.all().add(Criterion.of(CriterionCode.GRADE_G3, CriterionState.MET, "")))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCriterionAddedAfterTheCriteriaWereGatheredIsAnErrorNotASilentGap() {
        CriteriaCollector c = new CriteriaCollector();
        c.add(null, Criterion.of(CriterionCode.NET, CriterionState.MET, ""));
        c.complete();
        assertThatThrownBy(() -> c.add(null, Criterion.of(CriterionCode.GRADE_G3, CriterionState.MET, "")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("criterion GRADE_G3 was added by rule null after the criteria were gathered");
    }
}
