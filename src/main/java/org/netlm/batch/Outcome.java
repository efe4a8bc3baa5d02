package org.netlm.batch;

import java.util.List;
import java.util.Objects;
import org.netlm.io.SourceReport;
import org.netlm.model.PatientCase;

/**
 * What became of one non-blank input line: a result, or the problems that rejected it. Handed to the
 * {@link OutcomeFormat} on a worker thread and to the run's in-order listener on the writer thread.
 *
 * @param line      the input line number (1-based, blank lines counted)
 * @param patientId the patient id when it could be read, else {@code null}
 * @param result    the task's result, or {@code null} when the line was rejected
 * @param problems  one message per problem ({@code file:line: …}) of a rejected line; empty when there is a result
 * @param report    how the source made the patient (the FHIR mapping report), or {@code null} (patient JSON, rejected)
 * @param patient   the patient as read and assessed, or {@code null} when the line was rejected (e.g. for an audit
 *                  trail that keeps the input)
 * @param <R>       the task's result type (an {@link org.netlm.model.Assessment} for {@code batch})
 */
public record Outcome<R>(long line, String patientId, R result, List<String> problems, SourceReport report,
                         PatientCase patient) {
    public Outcome {
        problems = List.copyOf(problems);
        if ((result == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("an outcome holds either a result or problems");
        }
    }

    static <R> Outcome<R> of(long line, String patientId, R result) {
        return of(line, patientId, result, null, null);
    }

    static <R> Outcome<R> of(long line, String patientId, R result, SourceReport report, PatientCase patient) {
        return new Outcome<>(line, patientId, Objects.requireNonNull(result, "result"), List.of(), report, patient);
    }

    static <R> Outcome<R> rejected(long line, String patientId, List<String> problems) {
        return new Outcome<>(line, patientId, null, problems, null, null);
    }

    public boolean isRejected() {
        return result == null;
    }
}
