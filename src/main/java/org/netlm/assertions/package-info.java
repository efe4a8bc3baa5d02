/**
 * AssertJ-style assertions on an {@link org.netlm.model.Assessment}, for rule-suite authors:
 *
 * <pre>{@code
 * import static org.netlm.assertions.NetlmAssertions.assertThat;
 *
 * assertThat(engine.assess(patient))
 *     .recommends(Therapy.PRRT).because(CriterionCode.PROGRESSION_ON_SSA)
 *     .and().doesNotOffer(Therapy.SUNITINIB).becauseOf(CriterionCode.PANCREATIC_PRIMARY)
 *     .and().hasWarning(WarningCode.SSTR_STATUS_UNKNOWN);
 * }</pre>
 *
 * AssertJ ({@code org.assertj:assertj-core}) is an optional dependency of netlm-rules: add it to your test
 * dependencies to use this package. Failure messages say what was expected and what the assessment shows, with the
 * therapy's explanation (why / why not).
 */
package org.netlm.assertions;
