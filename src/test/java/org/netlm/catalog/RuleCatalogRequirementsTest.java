package org.netlm.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.netlm.engine.NetlmEngine;
import org.netlm.model.CriterionCode;
import org.netlm.model.CriterionPredicate;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.fact.StrengthLimit;

/** How the catalogue reads a rule's conditions into requirements, and when it says it could not read them all. */
class RuleCatalogRequirementsTest {

    static RuleInfo read(String when, RuleCatalog[] catalog) {
        String drl = "package t;\nimport org.netlm.model.*;\nimport org.netlm.model.fact.*;\n"
            + "rule \"r\" @id(\"R-1\") @evidence(\"X\") @offers(\"PRRT:CONSIDER\")\nwhen\n" + when + "\nthen\n"
            + "    insert(Candidate.of(kcontext, Therapy.PRRT, Strength.CONSIDER, \"r\"));\nend\n";
        catalog[0] = RuleCatalog.read(new RuleSource("test", List.of(new RuleSource.DrlFile("recommendation/t.drl", drl)), null), null);
        assertThat(catalog[0].rules()).hasSize(1);
        return catalog[0].rules().get(0);
    }

    @Test
    void criteriaConditionsAndNegatedPatternsAreReadAsRequirements() {
        RuleCatalog[] c = new RuleCatalog[1];
        RuleInfo r = read("""
                Criteria( met(CriterionCode.NET), notMet(CriterionCode.SSTR_NEGATIVE) )
                not Criteria( unmet(CriterionCode.PROGRESSIVE) )
                $p : PatientCase()
            """, c);
        assertThat(r.requirements()).containsExactly(
            new Requirement(CriterionCode.NET, CriterionPredicate.MET),
            new Requirement(CriterionCode.SSTR_NEGATIVE, CriterionPredicate.NOT_MET),
            new Requirement(CriterionCode.PROGRESSIVE, CriterionPredicate.NOT_UNMET));
        assertThat(c[0].conditionsFullyRead(r)).isTrue();
        assertThat(r.offers()).containsExactly(new RuleInfo.Offer(Therapy.PRRT, Strength.CONSIDER));
    }

    @Test
    void branchesOfAnOrAreNotRequirementsAndTheRuleIsMarkedPartlyRead() {
        RuleCatalog[] c = new RuleCatalog[1];
        RuleInfo r = read("""
                Criteria( met(CriterionCode.NET) )
                ( Criteria( met(CriterionCode.PROGRESSIVE) ) or Criteria( met(CriterionCode.SYMPTOMATIC) ) )
            """, c);
        assertThat(r.requirements()).containsExactly(new Requirement(CriterionCode.NET, CriterionPredicate.MET));
        assertThat(c[0].conditionsFullyRead(r)).isFalse();
    }

    @Test
    void conditionsOnOtherFactsOrFromAreMarkedPartlyRead() {
        RuleCatalog[] c = new RuleCatalog[1];
        RuleInfo constrained = read("""
                Criteria( met(CriterionCode.NET) )
                PatientCase( age != null )
            """, c);
        assertThat(c[0].conditionsFullyRead(constrained)).isFalse();
        assertThat(constrained.requirements()).extracting(Requirement::code).containsExactly(CriterionCode.NET);
        RuleInfo disjunction = read("""
                Criteria( met(CriterionCode.NET), met(CriterionCode.PROGRESSIVE) || met(CriterionCode.SYMPTOMATIC) )
            """, c);
        assertThat(c[0].conditionsFullyRead(disjunction)).isFalse();
        assertThat(disjunction.requirements()).extracting(Requirement::code).containsExactly(CriterionCode.NET);
        RuleInfo negatedPair = read("""
                not Criteria( met(CriterionCode.NET), met(CriterionCode.PROGRESSIVE) )
            """, c);
        assertThat(c[0].conditionsFullyRead(negatedPair)).as("not (a and b) is no conjunction").isFalse();
        assertThat(negatedPair.requirements()).isEmpty();
    }

    @Test
    void theBundledRulesThatTheCatalogueCannotReadFullyAreHandledFromTheirExecution() {
        RuleCatalog catalog = NetlmEngine.withDefaultRules().catalog();
        RuleInfo sys23 = catalog.byId("SYS-23").orElseThrow();
        assertThat(catalog.conditionsFullyRead(sys23)).as("PriorTherapy( … ) from …").isFalse();
        assertThat(sys23.limits()).as("its therapy is a variable: the declaration says which").hasSize(7)
            .allSatisfy(l -> assertThat(l.kind()).isEqualTo(StrengthLimit.Kind.NOT_OFFERED));
        RuleInfo nec02 = catalog.byId("SYS-NEC-02").orElseThrow();
        assertThat(nec02.offers()).as("it loops over therapies: the declaration says which").hasSize(13)
            .allSatisfy(o -> assertThat(o.strength()).isEqualTo(Strength.NOT_RECOMMENDED));
        assertThat(nec02.requirements()).containsExactly(new Requirement(CriterionCode.NET, CriterionPredicate.UNMET));
        // Every rule that offers a therapy is fully read, so every why-not covers its conditions.
        for (Therapy t : Therapy.values()) {
            assertThat(catalog.offering(t)).as(t.name()).isNotEmpty()
                .allSatisfy(r -> assertThat(catalog.conditionsFullyRead(r)).as(r.id()).isTrue());
        }
    }
}
