package org.netlm.model;

import java.util.List;
import java.util.Objects;
import org.netlm.model.explanation.Explanations;
import org.netlm.model.explanation.Why;
import org.netlm.model.explanation.WhyNot;

/**
 * Missing data that would decide therapies: input fields whose absence leaves criteria UNKNOWN, and the therapies
 * that data could change. Drawn from the explanations ({@link Explanations#missingInputs()}): a therapy is named when
 * its {@link WhyNot} says data could put it on offer ({@link WhyNot#unlockableByData()}, from its
 * {@link WhyNot#missingInputs()}), or its {@link Why} says data could make a CONSIDER RECOMMENDED
 * ({@link Why#upgradeInputs()}).
 *
 * @param finding  what is unknown, by the first of {@link #fields()} (the field that names the finding, e.g.
 *                 {@code grade} for grade, Ki-67 and mitoses)
 * @param fields   the patient fields that decide every one of the criteria ({@link CriterionCode#fields()}, those
 *                 common to all of them), any of which may settle them
 * @param criteria the UNKNOWN criteria these fields decide, in code order
 * @param decides  the therapies the data would decide, in {@link Therapy} order
 */
public record MissingInput(String finding, List<String> fields, List<CriterionCode> criteria, List<Therapy> decides) {
    /**
     * A group of missing inputs; the lists are copied.
     *
     * @param finding  what is unknown, e.g. {@code grade}
     * @param fields   the patient fields that would decide the criteria
     * @param criteria the UNKNOWN criteria these fields decide
     * @param decides  the therapies the data would decide
     * @throws NullPointerException when {@code finding} or a list is {@code null}
     */
    public MissingInput {
        Objects.requireNonNull(finding, "finding");
        fields = List.copyOf(fields);
        criteria = List.copyOf(criteria);
        decides = List.copyOf(decides);
    }
}
