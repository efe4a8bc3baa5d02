package org.netlm.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.netlm.model.PatientCase;
import org.netlm.model.PriorTherapy;

/**
 * Checks a {@link PatientCase} against the ranges and required fields of interface.md before any rule
 * sees it, and reports every problem at once. Missing optional data are not errors (the rules warn).
 * Input limits protect the engine from hostile input (see README, "Input limits").
 */
public final class PatientValidator {
    /** Longest accepted {@code id}. */
    public static final int MAX_ID_LENGTH = 200;
    /** Most entries accepted in {@code priorTherapies}. */
    public static final int MAX_PRIOR_THERAPIES = 50;

    /** The fields a patient must have. */
    public static final List<String> REQUIRED_FIELDS = List.of("id", "primarySite", "differentiation");

    /**
     * The allowed range of a numeric field (interface.md): {@code min} to {@code max}, {@code min} itself excluded
     * when {@code minExclusive}; {@code max} is {@link Double#POSITIVE_INFINITY} for "at least". Read by the checks
     * below and by anything that shows the ranges (the workbench's form), so that they are written once.
     *
     * @param field        the JSON field name
     * @param min          lowest value
     * @param max          highest value
     * @param minExclusive whether {@code min} itself is out of range
     * @param integer      whether the field holds whole numbers
     * @param value        reads the field from a case
     */
    public record Range(String field, double min, double max, boolean minExclusive, boolean integer,
                        Function<PatientCase, Number> value) {
        /**
         * Whether a value is accepted for this field.
         *
         * @param n the value (not {@code null})
         * @return true when {@code n} is finite and inside the range
         */
        public boolean contains(Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) && (minExclusive ? d > min : d >= min) && d <= max;
        }

        /**
         * Why a value outside the range is refused, as the {@link Violation}'s reason.
         *
         * @return e.g. {@code "must be between 0 and 4"} or {@code "must be at least 1"}
         */
        public String reason() {
            if (max != Double.POSITIVE_INFINITY) {
                return "must be between " + fmt(min) + " and " + fmt(max);
            }
            if (minExclusive) {
                return "must be a number greater than " + fmt(min);
            }
            return integer ? "must be at least " + fmt(min) : "must be a number of at least " + fmt(min);
        }
    }

    /** The numeric fields' ranges, in interface.md order. */
    public static final List<Range> RANGES = List.of(
        new Range("age", 0, 120, false, true, PatientCase::getAge),
        new Range("ecog", 0, 4, false, true, PatientCase::getEcog),
        new Range("ki67Percent", 0, 100, false, false, PatientCase::getKi67Percent),
        new Range("mitosesPer2mm2", 0, Double.POSITIVE_INFINITY, false, false, PatientCase::getMitosesPer2mm2),
        new Range("liverLesionCount", 1, Double.POSITIVE_INFINITY, false, true, PatientCase::getLiverLesionCount),
        new Range("largestLesionCm", 0, Double.POSITIVE_INFINITY, true, false, PatientCase::getLargestLesionCm),
        new Range("liverTumorBurdenPercent", 0, 100, false, false, PatientCase::getLiverTumorBurdenPercent),
        new Range("futureLiverRemnantPercent", 0, 100, false, false, PatientCase::getFutureLiverRemnantPercent),
        new Range("creatinineClearanceMlMin", 0, Double.POSITIVE_INFINITY, false, false, PatientCase::getCreatinineClearanceMlMin));

    private PatientValidator() {
    }

    /**
     * Every problem of a case at once: required fields missing, the id blank, too long or holding control
     * characters, numbers outside {@link #RANGES}, too many prior therapies or one without therapy or outcome.
     *
     * @param p the case; {@code null} gives one violation
     * @return the violations (field, value, reason), id first and priorTherapies last; empty when the case is valid
     */
    public static List<Violation> check(PatientCase p) {
        List<Violation> v = new ArrayList<>();
        if (p == null) {
            v.add(new Violation("patient", null, "is missing"));
            return v;
        }
        if (p.getId() == null) {
            v.add(new Violation("id", null, "is required"));
        } else if (p.getId().isBlank()) {
            v.add(new Violation("id", quote(p.getId()), "must not be blank"));
        } else if (p.getId().length() > MAX_ID_LENGTH) {
            v.add(new Violation("id", "(" + p.getId().length() + " characters)", "must be at most " + MAX_ID_LENGTH + " characters"));
        } else if (p.getId().chars().anyMatch(Character::isISOControl)) {
            v.add(new Violation("id", quote(p.getId()), "must not contain control characters (line breaks, tabs, escape codes)"));
        }
        if (p.getPrimarySite() == null) {
            v.add(new Violation("primarySite", null, "is required"));
        }
        if (p.getDifferentiation() == null) {
            v.add(new Violation("differentiation", null, "is required"));
        }
        for (Range r : RANGES) {
            Number value = r.value().apply(p);
            if (value != null && !r.contains(value)) {
                v.add(new Violation(r.field(), String.valueOf(value), r.reason()));
            }
        }
        List<PriorTherapy> prior = p.getPriorTherapies();
        if (prior != null) {
            if (prior.size() > MAX_PRIOR_THERAPIES) {
                v.add(new Violation("priorTherapies", "(" + prior.size() + " entries)", "must have at most " + MAX_PRIOR_THERAPIES + " entries"));
            } else {
                for (int i = 0; i < prior.size(); i++) {
                    PriorTherapy t = prior.get(i);
                    String at = "priorTherapies[" + i + "]";
                    if (t == null) {
                        v.add(new Violation(at, "null", "must be an object with therapy and outcome"));
                        continue;
                    }
                    if (t.getTherapy() == null) {
                        v.add(new Violation(at + ".therapy", null, "is required"));
                    }
                    if (t.getOutcome() == null) {
                        v.add(new Violation(at + ".outcome", null, "is required"));
                    }
                }
            }
        }
        return v;
    }

    /**
     * Refuses an invalid case before any rule sees it.
     *
     * @param p the case
     * @throws InvalidPatientException listing every violation of {@link #check(PatientCase)}, if there is any
     */
    public static void requireValid(PatientCase p) {
        List<Violation> v = check(p);
        if (!v.isEmpty()) {
            throw new InvalidPatientException(p == null ? null : p.getId(), v);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }
}
