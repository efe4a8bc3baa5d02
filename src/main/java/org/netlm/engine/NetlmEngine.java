package org.netlm.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.netlm.model.Assessment;
import org.netlm.model.Candidate;
import org.netlm.model.Criterion;
import org.netlm.model.Explanations;
import org.netlm.model.FitnessFinding;
import org.netlm.model.Findings;
import org.netlm.model.GradeFinding;
import org.netlm.model.LiverTypeFinding;
import org.netlm.model.PatientCase;
import org.netlm.model.ResectabilityFinding;
import org.netlm.model.StrengthLimit;
import org.netlm.model.TumorBurdenFinding;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;
import org.netlm.model.WarningFact;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.PatientValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NETLM rule engine: a compiled knowledge base plus what the rule folder says about its rules.
 * Immutable and thread-safe: the KIE base is compiled once, and every {@link #assess} call uses a
 * session of its own, disposed at the end. To change rules, build a new engine and swap the reference.
 *
 * <pre>{@code
 * NetlmEngine engine = NetlmEngine.withDefaultRules();
 * Assessment a = engine.assess(patientCase);
 * }</pre>
 */
public final class NetlmEngine {
    private static final Logger LOG = LoggerFactory.getLogger(NetlmEngine.class);
    /** Upper bound on rule firings per patient: a rule edit that loops is stopped, not left spinning. */
    static final int MAX_FIRINGS = 5_000;

    private static volatile NetlmEngine defaultEngine;

    private final KieBase kieBase;
    private final RuleCatalog catalog;
    private final EvidenceRegistry evidence;
    private final String rulesetVersion;
    private final String sourceName;
    private final Explainer explainer;

    private NetlmEngine(KieBase kieBase, RuleCatalog catalog, EvidenceRegistry evidence, String rulesetVersion, String sourceName) {
        this.kieBase = kieBase;
        this.catalog = catalog;
        this.explainer = new Explainer(catalog);
        this.evidence = evidence;
        this.rulesetVersion = rulesetVersion;
        this.sourceName = sourceName;
    }

    /** The engine over the rules bundled in the jar; compiled on first use, then shared (it is immutable). */
    public static NetlmEngine withDefaultRules() {
        NetlmEngine e = defaultEngine;
        if (e == null) {
            synchronized (NetlmEngine.class) {
                e = defaultEngine;
                if (e == null) {
                    e = fromSource(RuleSource.bundled());
                    defaultEngine = e;
                }
            }
        }
        return e;
    }

    /**
     * Compiles an edited rule folder (same layout as {@code rules/}).
     *
     * @throws RuleCompilationException listing every problem (file, line, message) when the folder does not
     *                                  compile or breaks rule hygiene; nothing half-built is returned
     * @throws UncheckedIOException     when the folder cannot be read
     */
    public static NetlmEngine fromDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            return fromSource(RuleSource.fromDirectory(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read rule folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Compiles a rule source; all checks pass before the engine exists. */
    public static NetlmEngine fromSource(RuleSource source) {
        long start = System.nanoTime();
        List<RuleProblem> problems = new ArrayList<>();
        EvidenceRegistry evidence = null;
        if (source.evidenceJson() == null) {
            problems.add(new RuleProblem(RuleSource.EVIDENCE_FILE, 0, "the evidence registry is missing from the rule folder"));
        } else {
            try {
                evidence = EvidenceRegistry.parse(source.evidenceJson());
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(RuleSource.EVIDENCE_FILE, 0, "invalid evidence registry: " + e.getMessage()));
            }
        }
        if (source.drlFiles().isEmpty()) {
            problems.add(new RuleProblem(".", 0, "the rule folder holds no .drl file"));
        }
        RuleCatalog catalog = RuleCatalog.read(source, evidence);
        KieBase base = null;
        try {
            base = KieBaseFactory.build(source);
        } catch (RuleCompilationException e) {
            problems.addAll(0, e.getProblems());
        }
        problems.addAll(catalog.problems());
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(source.name(), dedupe(problems));
        }
        String version = projectVersion() + "+" + digest(source);
        LOG.info("NETLM rules {} loaded from {}: {} rules in {} ms", version, source.name(), catalog.rules().size(),
            (System.nanoTime() - start) / 1_000_000);
        return new NetlmEngine(base, catalog, evidence, version, source.name());
    }

    private static List<RuleProblem> dedupe(List<RuleProblem> problems) {
        return problems.stream().distinct().toList();
    }

    /**
     * Assesses one patient. Thread-safe; the input is validated first and never modified.
     *
     * @throws InvalidPatientException listing every violation when the case is invalid
     */
    public Assessment assess(PatientCase patient) {
        return assess(patient, AssessOptions.DEFAULT);
    }

    /**
     * Assesses one patient with options (e.g. {@link AssessOptions#withoutExplanations()} for bulk runs).
     * Thread-safe; the input is validated first and never modified.
     *
     * @throws InvalidPatientException listing every violation when the case is invalid
     */
    public Assessment assess(PatientCase patient, AssessOptions options) {
        Objects.requireNonNull(options, "options");
        PatientValidator.requireValid(patient);
        FiringRecorder recorder = new FiringRecorder(options.explanations());
        KieSession session = kieBase.newKieSession();
        List<Object> facts;
        try {
            session.addEventListener(recorder.agendaListener);
            if (options.explanations()) {
                session.addEventListener(recorder.runtimeListener);
            }
            session.insert(patient);
            int fired = session.fireAllRules(MAX_FIRINGS);
            if (fired >= MAX_FIRINGS) {
                throw new IllegalStateException("Rules fired " + fired + " times for one patient (limit " + MAX_FIRINGS
                    + "): a rule in " + sourceName + " loops; most fired: " + recorder.mostFired());
            }
            facts = new ArrayList<>(session.getObjects());
        } finally {
            session.dispose();
        }
        return collect(patient, facts, recorder, options);
    }

    private Assessment collect(PatientCase patient, List<Object> facts, FiringRecorder recorder, AssessOptions options) {
        GradeFinding grade = null;
        LiverTypeFinding liver = null;
        ResectabilityFinding resect = null;
        TumorBurdenFinding burden = null;
        FitnessFinding fitness = null;
        List<Candidate> candidates = new ArrayList<>();
        List<StrengthLimit> limits = new ArrayList<>();
        List<WarningFact> warningFacts = new ArrayList<>();
        List<Criterion> criteria = new ArrayList<>();
        for (Object o : facts) {
            if (o instanceof Candidate c) {
                candidates.add(c);
            } else if (o instanceof Criterion c) {
                criteria.add(c);
            } else if (o instanceof StrengthLimit l) {
                limits.add(l);
            } else if (o instanceof WarningFact w) {
                warningFacts.add(w);
            } else if (o instanceof GradeFinding g) {
                grade = g;
            } else if (o instanceof LiverTypeFinding l) {
                liver = l;
            } else if (o instanceof ResectabilityFinding r) {
                resect = r;
            } else if (o instanceof TumorBurdenFinding b) {
                burden = b;
            } else if (o instanceof FitnessFinding f) {
                fitness = f;
            }
        }
        Findings findings = new Findings(
            patient.getDifferentiation() == org.netlm.model.Differentiation.POOR ? "NEC" : "NET",
            grade == null ? null : grade.getGrade(),
            grade == null ? null : grade.getSource(),
            liver == null ? null : liver.getType(),
            liver == null || liver.getType() == null ? null : liver.isDerived(),
            resect == null ? null : resect.getValue(),
            burden == null ? null : burden.getBurden(),
            fitness == null ? null : fitness.isFit());
        // Deterministic order whatever the session's internal fact order.
        candidates.sort(java.util.Comparator.comparing((Candidate c) -> c.getTherapy()).thenComparing(Candidate::getRuleId)
            .thenComparing(Candidate::getStrength));
        limits.sort(java.util.Comparator.comparing((StrengthLimit l) -> l.getTherapy()).thenComparing(StrengthLimit::getRuleId));
        criteria.sort(java.util.Comparator.comparing(Criterion::getCode));
        Resolver.Result resolved = Resolver.resolve(candidates, limits, evidence, CaseSummary.of(patient, findings));
        List<Warning> warnings = new ArrayList<>();
        java.util.EnumSet<WarningCode> seen = java.util.EnumSet.noneOf(WarningCode.class);
        warningFacts.sort(java.util.Comparator.comparing(WarningFact::getCode));
        for (WarningFact w : warningFacts) {
            if (seen.add(w.getCode())) {
                warnings.add(new Warning(w.getCode(), w.getMessage()));
            }
        }
        if (!resolved.contested().isEmpty()) {
            warnings.add(Resolver.conflictWarning(resolved.contested()));
        }
        Explanations explanations = options.explanations()
            ? explainer.explain(criteria, candidates, limits, resolved, recorder) : Explanations.NONE;
        return new Assessment(patient.getId(), rulesetVersion, findings, resolved.recommendations(), warnings,
            recorder.fired(), criteria, Assessment.DISCLAIMER, explanations);
    }

    /** Version of the rule set: the library version plus a digest of the rule files. */
    public String rulesetVersion() {
        return rulesetVersion;
    }

    /** What the rule folder says about each rule (ids, evidence, files, lines, criteria). */
    public RuleCatalog catalog() {
        return catalog;
    }

    public EvidenceRegistry evidence() {
        return evidence;
    }

    /** Where the rules came from ("bundled rules" or the folder). */
    public String sourceName() {
        return sourceName;
    }

    /** The compiled KIE base (for benchmarks and tools; do not modify it). */
    public KieBase kieBase() {
        return kieBase;
    }

    private static String digest(RuleSource source) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (RuleSource.DrlFile f : source.drlFiles()) {
                md.update(f.path().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(f.content().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            if (source.evidenceJson() != null) {
                md.update(source.evidenceJson().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String projectVersion() {
        Properties p = new Properties();
        try (var in = NetlmEngine.class.getResourceAsStream("/org/netlm/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            LOG.debug("No version.properties", e);
        }
        return p.getProperty("version", "dev");
    }
}
