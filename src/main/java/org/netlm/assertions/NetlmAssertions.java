package org.netlm.assertions;

import org.netlm.model.Assessment;

/** Entry point of the NETLM assertions: {@code NetlmAssertions.assertThat(assessment)}. */
public final class NetlmAssertions {
    private NetlmAssertions() {
    }

    /**
     * Assertions on one assessment (see {@link AssessmentAssert}).
     *
     * @param actual the assessment to check
     * @return an assertion on the assessment
     */
    public static AssessmentAssert assertThat(Assessment actual) {
        return new AssessmentAssert(actual);
    }
}
