package org.netlm.impact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.netlm.batch.BatchPipeline;
import org.netlm.batch.Outcome;
import org.netlm.batch.OutcomeFormat;
import org.netlm.catalog.RuleInfo;
import org.netlm.engine.AssessOptions;
import org.netlm.engine.NetlmEngine;
import org.netlm.explain.ExplanationText;
import org.netlm.io.LineReader;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientReader;
import org.netlm.model.Assessment;
import org.netlm.model.Finding;
import org.netlm.model.PatientCase;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares two rule sets on a cohort: every patient is assessed with both (on the worker threads of {@code batch}'s
 * {@link BatchPipeline}, without explanations), the differences are counted per kind of change in cohort order, and
 * the first few patients of each kind are assessed again with explanations to show the why of both sides.
 */
public final class ImpactAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(ImpactAnalysis.class);
    /** Most rejection messages kept in the report (all are counted). */
    public static final int MAX_REJECTIONS = 200;

    private final NetlmEngine before;
    private final NetlmEngine after;
    private final BatchPipeline pipeline;
    private final int examples;

    /**
     * @param threads  worker threads of the batch pipeline (at least 1)
     * @param examples most example patients per kind of change (0 for none)
     */
    public ImpactAnalysis(NetlmEngine before, NetlmEngine after, int threads, int examples) {
        if (examples < 0) {
            throw new IllegalArgumentException("examples must be at least 0, was " + examples);
        }
        this.before = Objects.requireNonNull(before, "before");
        this.after = Objects.requireNonNull(after, "after");
        this.pipeline = new BatchPipeline(threads);
        this.examples = examples;
    }

    /**
     * One patient compared (computed on a worker): the kinds of change, whether only details changed, the rules fired
     * on each side; the patient is kept for the examples.
     */
    private record Compared(PatientCase patient, List<ChangeKind> kinds, boolean details, Set<String> firedBefore,
                            Set<String> firedAfter) {
    }

    /**
     * Runs the comparison over the cohort's files ({@link CohortFiles#files}): NDJSON files on the batch pipeline (in
     * parallel, results in input order), other files (one JSON document, or scenario files: small) in the calling
     * thread.
     *
     * @param files      the cohort's files, in order
     * @param cohortName the cohort as given, for the report
     * @param rejects    receives each problem of a rejected patient as it is found (e.g. standard error)
     * @throws IOException when a file cannot be read (e.g. a broken scenario file)
     */
    public ImpactReport run(List<Path> files, List<String> cohortName, Consumer<String> rejects) throws IOException {
        return run(files, CohortFiles.Format.JSON, cohortName, rejects);
    }

    /**
     * {@link #run(List, List, Consumer)} on a cohort in {@code format}: patient JSON, or FHIR Bundles (NDJSON lines
     * and {@code .json} Bundles, mapped as {@code batch --input-format fhir} maps them).
     */
    public ImpactReport run(List<Path> files, CohortFiles.Format format, List<String> cohortName, Consumer<String> rejects)
        throws IOException {
        Totals t = new Totals();
        long skipped = 0;
        for (Path file : files) {
            if (CohortFiles.kind(file) == CohortFiles.Kind.NDJSON) {
                String name = file.toString();
                try (InputStream raw = Files.newInputStream(file);
                     LineReader lines = new LineReader(PatientReader.utf8(raw), PatientReader.MAX_LINE_LENGTH)) {
                    pipeline.run(new BatchPipeline.Input(lines, name, format.lines(), 0), this::compare, NOTHING, OutputStream.nullOutputStream(),
                        o -> t.add(o.isRejected() ? null : o.result(), location(name, o), o.problems(), rejects), null);
                }
            } else {
                CohortFiles.Read read = CohortFiles.read(file, format);
                skipped += read.skipped();
                for (PatientInput in : read.patients()) {
                    compareOne(in, t, rejects);
                }
            }
        }
        List<ImpactReport.Change> therapy = new ArrayList<>();
        List<ImpactReport.Change> finding = new ArrayList<>();
        List<ImpactReport.Change> warning = new ArrayList<>();
        t.byKind.entrySet().stream().sorted(KIND_ORDER).forEach(e -> {
            ImpactReport.Change c = new ImpactReport.Change(e.getKey(), e.getValue().count, examples(e.getKey(), e.getValue().seeds));
            (e.getKey() instanceof ChangeKind.TherapyTransition ? therapy
                : e.getKey() instanceof ChangeKind.FindingTransition ? finding : warning).add(c);
        });
        List<ImpactReport.RuleFiring> firing = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>(ruleIds(before));
        ids.addAll(ruleIds(after));
        for (String id : ids) {
            long[] f = t.firing.getOrDefault(id, new long[4]);
            if (f[2] + f[3] > 0) {
                firing.add(new ImpactReport.RuleFiring(id, f[0], f[1], f[2], f[3]));
            }
        }
        Set<String> beforeIds = new LinkedHashSet<>(ruleIds(before));
        Set<String> afterIds = new LinkedHashSet<>(ruleIds(after));
        return new ImpactReport(summary(before), summary(after), cohortName, t.patients, t.changed, t.recommendationsChanged,
            t.details, t.rejected, skipped, therapy, finding, warning, firing,
            afterIds.stream().filter(id -> !beforeIds.contains(id)).toList(),
            beforeIds.stream().filter(id -> !afterIds.contains(id)).toList(), t.rejections, examples);
    }

    /** The pipeline writes no output for impact: the comparisons go to the in-order listener only. */
    private static final OutcomeFormat<Compared> NOTHING = (o, out) -> { };

    /** {@code file:line: patient id:}, as {@link PatientInput#location()} writes it. */
    private static String location(String file, Outcome<?> o) {
        return new PatientInput(file, o.line(), -1, o.patientId(), null, List.of(new Violation("-", null, "-"))).location();
    }

    /** A patient of a file read whole, compared in the calling thread. */
    private void compareOne(PatientInput in, Totals t, Consumer<String> rejects) {
        if (!in.isValid()) {
            t.add(null, in.location(), in.describeViolations(), rejects);
            return;
        }
        try {
            t.add(compare(in.patient()), in.location(), List.of(), rejects);
        } catch (InvalidPatientException e) {
            t.add(null, in.location(), e.getViolations().stream().map(v -> in.location() + " " + v.describe()).toList(), rejects);
        } catch (RuntimeException e) {
            LOG.debug("Assessment failed at {}", in.location(), e);
            t.add(null, in.location(), List.of(in.location() + " cannot be assessed: " + e), rejects);
        }
    }

    /** Therapies in enum order, then by count (most first); findings by name; warnings by code. */
    private static final Comparator<Map.Entry<ChangeKind, Acc>> KIND_ORDER = Comparator
        .comparing((Map.Entry<ChangeKind, Acc> e) -> group(e.getKey()))
        .thenComparing(e -> sub(e.getKey()))
        .thenComparing(e -> -e.getValue().count)
        .thenComparing(e -> e.getKey().label());

    private static int group(ChangeKind k) {
        return k instanceof ChangeKind.TherapyTransition ? 0 : k instanceof ChangeKind.FindingTransition ? 1 : 2;
    }

    private static String sub(ChangeKind k) {
        if (k instanceof ChangeKind.TherapyTransition t) {
            return String.format("%03d", t.therapy().ordinal());
        }
        return k instanceof ChangeKind.FindingTransition f ? f.finding().key() : ((ChangeKind.WarningTransition) k).code().name();
    }

    private static List<String> ruleIds(NetlmEngine e) {
        return e.catalog().rules().stream().map(RuleInfo::id).filter(Objects::nonNull).toList();
    }

    private static ImpactReport.RuleSetSummary summary(NetlmEngine e) {
        return new ImpactReport.RuleSetSummary(e.sourceName(), e.rulesetVersion(), e.knowledgeVersion(),
            e.catalog().rules().size());
    }

    /**
     * Worker: both assessments and their differences. An invalid patient or an engine failure (e.g. a rule that loops
     * after the edit) is thrown, and the pipeline rejects the patient with its message.
     */
    private Compared compare(PatientCase p) {
        Assessment b = before.assess(p, AssessOptions.withoutExplanations());
        Assessment a = after.assess(p, AssessOptions.withoutExplanations());
        return new Compared(p, differences(b, a), detailsDiffer(b, a), new HashSet<>(b.firedRules()), new HashSet<>(a.firedRules()));
    }

    /** The kinds of change between two assessments of one patient: findings, then therapies, then warnings. */
    static List<ChangeKind> differences(Assessment b, Assessment a) {
        List<ChangeKind> out = new ArrayList<>();
        for (Finding f : Finding.values()) {
            if (!Objects.equals(b.findings().value(f), a.findings().value(f))) {
                out.add(new ChangeKind.FindingTransition(f, b.findings().text(f).orElse(null), a.findings().text(f).orElse(null)));
            }
        }
        Map<Therapy, Strength> sb = strengths(b);
        Map<Therapy, Strength> sa = strengths(a);
        for (Therapy t : Therapy.values()) {
            if (sb.get(t) != sa.get(t)) {
                out.add(new ChangeKind.TherapyTransition(t, sb.get(t), sa.get(t)));
            }
        }
        Set<WarningCode> wb = codes(b);
        Set<WarningCode> wa = codes(a);
        for (WarningCode c : WarningCode.values()) {
            if (wb.contains(c) != wa.contains(c)) {
                out.add(new ChangeKind.WarningTransition(c, wa.contains(c)));
            }
        }
        return out;
    }

    /** Same strengths, but another deciding rule, rationale or evidence for some therapy. */
    private static boolean detailsDiffer(Assessment b, Assessment a) {
        Map<Therapy, Recommendation> rb = new HashMap<>();
        b.recommendations().forEach(r -> rb.put(r.therapy(), r));
        for (Recommendation r : a.recommendations()) {
            Recommendation o = rb.get(r.therapy());
            if (o != null && (!o.ruleId().equals(r.ruleId()) || !o.rationale().equals(r.rationale()) || !o.evidence().equals(r.evidence()))) {
                return true;
            }
        }
        return false;
    }

    private static Map<Therapy, Strength> strengths(Assessment a) {
        Map<Therapy, Strength> m = new EnumMap<>(Therapy.class);
        a.recommendations().forEach(r -> m.put(r.therapy(), r.strength()));
        return m;
    }

    private static Set<WarningCode> codes(Assessment a) {
        Set<WarningCode> s = EnumSet.noneOf(WarningCode.class);
        a.warnings().forEach(w -> s.add(w.code()));
        return s;
    }

    /** Counts, kept on the sink's thread. */
    private final class Totals {
        long patients;
        long changed;
        long recommendationsChanged;
        long details;
        long rejected;
        final List<String> rejections = new ArrayList<>();
        final Map<ChangeKind, Acc> byKind = new HashMap<>();
        /** rule id -> fired before, fired after, lost, gained. */
        final Map<String, long[]> firing = new HashMap<>();

        /** One patient, in cohort order: compared ({@code c}), or rejected with its {@code problems}. */
        void add(Compared c, String location, List<String> problems, Consumer<String> rejects) {
            if (c == null) {
                rejected++;
                for (String m : problems) {
                    rejects.accept(m);
                    if (rejections.size() < MAX_REJECTIONS) {
                        rejections.add(m);
                    }
                }
                return;
            }
            patients++;
            if (!c.kinds.isEmpty()) {
                changed++;
                if (c.kinds.stream().anyMatch(k -> k instanceof ChangeKind.TherapyTransition)) {
                    recommendationsChanged++;
                }
            } else if (c.details) {
                details++;
            }
            for (ChangeKind k : c.kinds) {
                Acc acc = byKind.computeIfAbsent(k, x -> new Acc());
                acc.count++;
                if (acc.seeds.size() < examples) {
                    acc.seeds.add(new Seed(location, c.patient));
                }
            }
            for (String r : c.firedBefore) {
                long[] f = firing.computeIfAbsent(r, x -> new long[4]);
                f[0]++;
                if (!c.firedAfter.contains(r)) {
                    f[2]++;
                }
            }
            for (String r : c.firedAfter) {
                long[] f = firing.computeIfAbsent(r, x -> new long[4]);
                f[1]++;
                if (!c.firedBefore.contains(r)) {
                    f[3]++;
                }
            }
        }
    }

    private static final class Acc {
        long count;
        final List<Seed> seeds = new ArrayList<>();
    }

    /** An example patient and where it was read. */
    private record Seed(String location, PatientCase patient) {
    }

    /** The example patients of one kind, assessed again with explanations. */
    private List<ImpactReport.Example> examples(ChangeKind kind, List<Seed> seeds) {
        List<ImpactReport.Example> out = new ArrayList<>();
        for (Seed seed : seeds) {
            Assessment b = before.assess(seed.patient());
            Assessment a = after.assess(seed.patient());
            out.add(new ImpactReport.Example(seed.patient().getId(), seed.location(), side(kind, b), side(kind, a)));
        }
        return out;
    }

    private static ImpactReport.Side side(ChangeKind kind, Assessment a) {
        if (kind instanceof ChangeKind.TherapyTransition t) {
            Optional<Recommendation> r = a.recommendation(t.therapy());
            String why = a.why(t.therapy()).map(ExplanationText::detail)
                .orElseGet(() -> a.whyNot(t.therapy()).map(ExplanationText::detail).orElse(null));
            return new ImpactReport.Side(r.map(x -> x.strength().name()).orElse("absent"), r.map(Recommendation::ruleId).orElse(null),
                r.map(Recommendation::rationale).orElse(null), why);
        }
        if (kind instanceof ChangeKind.FindingTransition f) {
            return new ImpactReport.Side(a.findings().text(f.finding()).orElse("none"), null,
                recommendations(a), null);
        }
        WarningCode code = ((ChangeKind.WarningTransition) kind).code();
        Optional<Warning> x = a.warnings().stream().filter(v -> v.code() == code).findFirst();
        return new ImpactReport.Side(x.isPresent() ? "present" : "absent", null, x.map(Warning::message).orElse(null), recommendations(a));
    }

    /** {@code RECOMMENDED: RADICAL_RESECTION; CONSIDER: PRRT, EVEROLIMUS} (the offered therapies, by strength). */
    static String recommendations(Assessment a) {
        Map<Strength, List<String>> by = new TreeMap<>();
        a.recommendations().forEach(r -> by.computeIfAbsent(r.strength(), s -> new ArrayList<>()).add(r.therapy().name()));
        return by.isEmpty() ? "no recommendation" : by.entrySet().stream()
            .map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).collect(Collectors.joining("; "));
    }
}
