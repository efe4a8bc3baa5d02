package org.netlm.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.netlm.explain.ExplanationText;
import org.netlm.model.Assessment;
import org.netlm.model.Citation;
import org.netlm.model.Opinion;
import org.netlm.model.Recommendation;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.netlm.model.Warning;
import org.netlm.model.WarningCode;

/**
 * Renders assessments as CDS Hooks 2.0 cards (the one place that decides what a card says). Every card has a
 * {@code uuid}, a {@code summary} under 140 characters, a Markdown {@code detail} that ends with the decision-support
 * statement and the knowledge version, an {@code indicator} and a {@code source} whose URL is the first cited
 * evidence (DOI, else PubMed).
 *
 * <p>Indicators: an offered therapy (RECOMMENDED, CONSIDER) and NOT_RECOMMENDED on patient-view: {@code info};
 * CONTRAINDICATED on patient-view and the safety warnings: {@code warning}; on order-sign, an order for a
 * NOT_RECOMMENDED therapy: {@code warning}, for a CONTRAINDICATED one: {@code critical}.
 */
final class CardRenderer {
    /** Assessment warnings that ask for a clinical check (the rest ask for missing data). */
    static final Set<WarningCode> SAFETY_WARNINGS = EnumSet.of(WarningCode.NEC_OUT_OF_SCOPE, WarningCode.FUNCTIONAL_TUMOR,
        WarningCode.GRADE_KI67_MISMATCH, WarningCode.CONFLICTING_RECOMMENDATIONS, WarningCode.RESECTABILITY_CONFLICT,
        WarningCode.LIVER_DYSFUNCTION_UNEXPLAINED);
    /** Code system of the override reasons offered on order-sign cards. */
    static final String OVERRIDE_SYSTEM = "http://netlm.org/fhir/CodeSystem/netlm-override-reason";
    static final String TOPIC_SYSTEM = "http://netlm.org/fhir/CodeSystem/netlm-card-topic";
    static final int MAX_SUMMARY = 139;
    private static final String PREFIX = "NET liver metastases: ";
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(CardRenderer::drbg);

    private final ObjectMapper mapper;
    private final String label;
    private final String knowledgeVersion;

    CardRenderer(ObjectMapper mapper, String knowledgeVersion) {
        this.mapper = mapper;
        this.knowledgeVersion = knowledgeVersion;
        this.label = "NETLM Rules (tumour-board decision support)";
    }

    /** patient-view: safety warnings first, then one card per recommendation in the assessment's order, then data to complete. */
    void patientView(Assessment a, List<String> notMapped, List<String> notes, ArrayNode cards) {
        List<Warning> safety = a.warnings().stream().filter(w -> SAFETY_WARNINGS.contains(w.code())).toList();
        if (!safety.isEmpty()) {
            StringBuilder d = new StringBuilder("**Check before the tumour board**\n\n");
            safety.forEach(w -> d.append("- **").append(w.code()).append("**: ").append(w.message()).append('\n'));
            cards.add(card(summary(safety.size() == 1 ? safety.get(0).code().name().replace('_', ' ').toLowerCase(Locale.ROOT)
                    : safety.size() + " warnings to check"), "warning", d, List.of(), "warning"));
        }
        for (Recommendation r : a.recommendations()) {
            String indicator = r.strength() == Strength.CONTRAINDICATED ? "warning" : "info";
            cards.add(card(summary(therapyLabel(r.therapy()) + " " + strengthWords(r.strength())), indicator,
                recommendationDetail(a, r), r.evidence(), "recommendation"));
        }
        List<Warning> data = a.warnings().stream().filter(w -> !SAFETY_WARNINGS.contains(w.code())).toList();
        if (!data.isEmpty() || !notMapped.isEmpty() || !notes.isEmpty()) {
            StringBuilder d = new StringBuilder("**Data to complete** (a tumour-board entry may settle it)\n\n");
            data.forEach(w -> d.append("- **").append(w.code()).append("**: ").append(w.message()).append('\n'));
            if (!notMapped.isEmpty()) {
                d.append("- Not found as structured FHIR data: ").append(String.join(", ", notMapped)).append('\n');
            }
            notes.forEach(n -> d.append("- ").append(n).append('\n'));
            cards.add(card(summary("data to complete before relying on these cards"), "info", d, List.of(), "data"));
        }
    }

    /** One info card: the patient could not be assessed, and what is missing. */
    void notAssessed(List<String> notMapped, List<String> problems, List<String> notes, ArrayNode cards) {
        StringBuilder d = new StringBuilder("**No recommendation**: the EHR data do not describe a patient this knowledge base can assess "
            + "(a neuroendocrine neoplasm with primary site and differentiation).\n\n");
        if (!problems.isEmpty()) {
            d.append("Problems:\n\n");
            problems.forEach(p -> d.append("- ").append(p).append('\n'));
            d.append('\n');
        }
        if (!notMapped.isEmpty()) {
            d.append("Not found as structured FHIR data: ").append(String.join(", ", notMapped)).append("\n\n");
        }
        notes.forEach(n -> d.append("- ").append(n).append('\n'));
        String what = problems.isEmpty() ? "data missing" : "missing " + String.join(", ", problems.stream()
            .map(p -> p.split(":", 2)[0].trim()).distinct().toList());
        cards.add(card(summary("not assessed (" + what + ")"), "info", d, List.of(), "data"));
    }

    /** order-sign: a card for an ordered therapy the assessment does not offer. */
    void orderWarning(Assessment a, Recommendation r, String orderKey, ArrayNode cards) {
        boolean contraindicated = r.strength() == Strength.CONTRAINDICATED;
        StringBuilder d = new StringBuilder("**Order check**: the draft order ").append(orderKey).append(" is ")
            .append(therapyLabel(r.therapy())).append(", which this patient's assessment rates **")
            .append(r.strength()).append("**.\n\n");
        d.append(recommendationDetail(a, r));
        ObjectNode card = card(summary(therapyLabel(r.therapy()) + " ordered but " + strengthWords(r.strength())),
            contraindicated ? "critical" : "warning", d, r.evidence(), "order-check");
        ArrayNode reasons = card.putArray("overrideReasons");
        overrideReason(reasons, "tumour-board-decision", "Decided by the multidisciplinary tumour board");
        overrideReason(reasons, "data-outdated", "The patient data in the EHR are outdated or incomplete");
        overrideReason(reasons, "patient-preference", "Informed patient preference");
        overrideReason(reasons, "other-clinical-reason", "Other clinical reason (documented in the chart)");
        cards.add(card);
    }

    private void overrideReason(ArrayNode reasons, String code, String display) {
        reasons.addObject().put("system", OVERRIDE_SYSTEM).put("code", code).put("display", display);
    }

    private StringBuilder recommendationDetail(Assessment a, Recommendation r) {
        StringBuilder d = new StringBuilder();
        d.append("**").append(therapyLabel(r.therapy())).append(": ").append(r.strength()).append("** (rule ")
            .append(r.ruleId()).append(")\n\n").append(r.rationale()).append("\n\n");
        if (r.strength().isOffered()) {
            a.why(r.therapy()).ifPresent(w -> bullets("Why", ExplanationText.detail(w), d));
        } else {
            a.whyNot(r.therapy()).ifPresent(w -> bullets("Why not", ExplanationText.detail(w), d));
        }
        if (r.isContested()) {
            d.append("**Other rules' opinions**\n\n");
            for (Opinion o : r.opinions()) {
                d.append("- ").append(o.ruleId()).append(" (").append(o.strength()).append("): ").append(o.rationale()).append('\n');
            }
            d.append('\n');
        }
        if (!r.limits().isEmpty()) {
            d.append("**Limits applied**\n\n");
            r.limits().forEach(l -> d.append("- ").append(l).append('\n'));
            d.append('\n');
        }
        if (!r.evidence().isEmpty()) {
            d.append("**Evidence**\n\n");
            for (Citation c : r.evidence()) {
                String url = url(c);
                d.append("- ").append(url == null ? c.label() : "[" + c.label() + "](" + url + ")").append('\n');
            }
            d.append('\n');
        }
        return d;
    }

    /** The first line of a describe() text as a heading, the rest as a list. */
    private static void bullets(String heading, String text, StringBuilder d) {
        List<String> lines = text.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return;
        }
        d.append("**").append(heading).append("**\n\n");
        lines.forEach(l -> d.append("- ").append(l).append('\n'));
        d.append('\n');
    }

    private ObjectNode card(String summary, String indicator, StringBuilder detail, List<Citation> evidence, String topic) {
        ObjectNode card = mapper.createObjectNode();
        card.put("uuid", uuid());
        card.put("summary", summary);
        card.put("indicator", indicator);
        while (detail.length() > 0 && detail.charAt(detail.length() - 1) == '\n') {
            detail.setLength(detail.length() - 1);
        }
        detail.append("\n\n---\n\n_").append(Assessment.DISCLAIMER).append("_ Knowledge version ").append(knowledgeVersion).append('.');
        card.put("detail", detail.toString());
        ObjectNode source = card.putObject("source");
        Citation first = evidence.stream().filter(c -> url(c) != null).findFirst().orElse(null);
        source.put("label", first == null ? label : label + " — " + first.label());
        if (first != null) {
            source.put("url", url(first));
        }
        source.putObject("topic").put("system", TOPIC_SYSTEM).put("code", topic);
        if (evidence.size() > 1) {
            ArrayNode links = card.putArray("links");
            for (Citation c : evidence) {
                String url = url(c);
                if (url != null && c != first) {
                    links.addObject().put("label", "Evidence: " + c.label()).put("url", url).put("type", "absolute");
                }
            }
            if (links.isEmpty()) {
                card.remove("links");
            }
        }
        return card;
    }

    /**
     * A random (version 4) UUID from this thread's own DRBG: {@link UUID#randomUUID()} reads {@code /dev/urandom} under
     * one JVM-wide lock for every card, which serialised the request threads of a loaded server.
     */
    static String uuid() {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[8 + i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    /** The DOI link, else the PubMed link, else {@code null}. */
    static String url(Citation c) {
        if (c.doi() != null) {
            return "https://doi.org/" + c.doi();
        }
        return c.pmid() == null ? null : "https://pubmed.ncbi.nlm.nih.gov/" + c.pmid() + "/";
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    static String summary(String text) {
        String s = PREFIX + text;
        return s.length() <= MAX_SUMMARY ? s : s.substring(0, MAX_SUMMARY - 1) + "…";
    }

    static String strengthWords(Strength s) {
        return switch (s) {
            case RECOMMENDED -> "recommended";
            case CONSIDER -> "to consider";
            case NOT_RECOMMENDED -> "not recommended";
            case CONTRAINDICATED -> "contraindicated";
        };
    }

    /** {@code TRANSARTERIAL_EMBOLIZATION} as "Transarterial embolization"; acronyms kept. */
    static String therapyLabel(Therapy t) {
        StringBuilder sb = new StringBuilder();
        for (String word : t.name().split("_")) {
            String w = Set.of("PRRT", "SSTR").contains(word) ? word : word.toLowerCase(Locale.ROOT);
            sb.append(sb.length() == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
        }
        return sb.toString();
    }
}
