package org.netlm.validation;

import java.util.ArrayList;
import java.util.List;
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

    private PatientValidator() {
    }

    /** All violations of {@code p}; empty when the case is valid. */
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
        range(v, "age", p.getAge(), 0, 120);
        range(v, "ecog", p.getEcog(), 0, 4);
        range(v, "ki67Percent", p.getKi67Percent(), 0, 100);
        atLeast(v, "mitosesPer2mm2", p.getMitosesPer2mm2(), 0);
        if (p.getLiverLesionCount() != null && p.getLiverLesionCount() < 1) {
            v.add(new Violation("liverLesionCount", String.valueOf(p.getLiverLesionCount()), "must be at least 1"));
        }
        if (p.getLargestLesionCm() != null && !(finite(p.getLargestLesionCm()) && p.getLargestLesionCm() > 0)) {
            v.add(new Violation("largestLesionCm", String.valueOf(p.getLargestLesionCm()), "must be a number greater than 0"));
        }
        range(v, "liverTumorBurdenPercent", p.getLiverTumorBurdenPercent(), 0, 100);
        range(v, "futureLiverRemnantPercent", p.getFutureLiverRemnantPercent(), 0, 100);
        atLeast(v, "creatinineClearanceMlMin", p.getCreatinineClearanceMlMin(), 0);
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

    /** Throws {@link InvalidPatientException} listing every violation, if there is any. */
    public static void requireValid(PatientCase p) {
        List<Violation> v = check(p);
        if (!v.isEmpty()) {
            throw new InvalidPatientException(p == null ? null : p.getId(), v);
        }
    }

    private static void range(List<Violation> v, String field, Number value, double min, double max) {
        if (value != null && !(finite(value) && value.doubleValue() >= min && value.doubleValue() <= max)) {
            v.add(new Violation(field, String.valueOf(value), "must be between " + fmt(min) + " and " + fmt(max)));
        }
    }

    private static void atLeast(List<Violation> v, String field, Number value, double min) {
        if (value != null && !(finite(value) && value.doubleValue() >= min)) {
            v.add(new Violation(field, String.valueOf(value), "must be a number of at least " + fmt(min)));
        }
    }

    private static boolean finite(Number n) {
        return Double.isFinite(n.doubleValue());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }
}
