package org.netlm.impact;

import java.util.List;
import java.util.Locale;
import org.netlm.io.HtmlText;
import org.netlm.model.Assessment;
import org.netlm.model.Strength;

/**
 * The impact report as one self-contained HTML page for a clinical review meeting: no external asset (styles inline,
 * the chart an inline SVG), every text from the rules or the cohort escaped.
 */
public final class ImpactHtml {
    private static final int BAR_HEIGHT = 22;
    private static final int LABEL_WIDTH = 420;
    private static final int BAR_WIDTH = 360;

    private ImpactHtml() {
    }

    public static String render(ImpactReport r) {
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .append("<title>NETLM rule edit: impact on the cohort</title>\n<style>\n")
            .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;line-height:1.4}\n")
            .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}\n")
            .append("th{background:#f0f0f0}td.n{text-align:right}.note{background:#fff6dd;border-left:4px solid #e0a800;padding:.5em 1em}\n")
            .append("pre{background:#f7f7f7;padding:.5em;white-space:pre-wrap;font-size:.85em;margin:.2em 0}details{margin:.4em 0}\n")
            .append(".side{display:grid;grid-template-columns:1fr 1fr;gap:1em}.headline{font-size:1.2em;font-weight:bold}\n")
            .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Impact of a rule edit on the cohort</h1>\n");
        h.append("<p class=\"note\">").append(esc(Assessment.DISCLAIMER)).append("</p>\n");
        h.append("<table>\n<tr><th>before</th><td>").append(esc(ImpactText.describe(r.before()))).append("</td></tr>\n")
            .append("<tr><th>after</th><td>").append(esc(ImpactText.describe(r.after()))).append("</td></tr>\n")
            .append("<tr><th>cohort</th><td>").append(esc(String.join(", ", r.cohort()))).append("</td></tr>\n</table>\n");
        h.append("<p class=\"headline\">").append(esc(ImpactText.headline(r))).append("</p>\n");
        if (r.detailsChanged() > 0) {
            h.append("<p>").append(r.detailsChanged()).append(" more with the same strengths but another deciding rule, rationale or evidence.</p>\n");
        }
        if (r.rejected() > 0) {
            h.append("<p>").append(r.rejected()).append(" patients could not be assessed.</p>\n");
        }
        if (!r.therapyChanges().isEmpty()) {
            h.append("<h2>Recommendations</h2>\n");
            chart(h, r.therapyChanges());
            h.append("<table>\n<tr><th>therapy</th><th>before</th><th>after</th><th>patients</th></tr>\n");
            for (ImpactReport.Change c : r.therapyChanges()) {
                ChangeKind.TherapyTransition t = (ChangeKind.TherapyTransition) c.kind();
                h.append("<tr><td>").append(esc(t.therapy().name())).append("</td><td>").append(esc(ChangeKind.TherapyTransition.name(t.from())))
                    .append("</td><td>").append(esc(ChangeKind.TherapyTransition.name(t.to()))).append("</td><td class=\"n\">")
                    .append(c.patients()).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        table(h, "Findings", r.findingChanges());
        table(h, "Warnings", r.warningChanges());
        if (!r.ruleFiring().isEmpty()) {
            h.append("<h2>Rules whose firing changed</h2>\n<table>\n<tr><th>rule</th><th>fired before</th><th>fired after</th><th>lost</th><th>gained</th></tr>\n");
            for (ImpactReport.RuleFiring f : r.ruleFiring()) {
                h.append("<tr><td>").append(esc(f.ruleId())).append("</td><td class=\"n\">").append(f.firedBefore())
                    .append("</td><td class=\"n\">").append(f.firedAfter()).append("</td><td class=\"n\">").append(f.lost())
                    .append("</td><td class=\"n\">").append(f.gained()).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!r.rulesAdded().isEmpty() || !r.rulesRemoved().isEmpty()) {
            h.append("<p>Rules added: ").append(esc(r.rulesAdded().isEmpty() ? "none" : String.join(", ", r.rulesAdded())))
                .append(". Rules removed: ").append(esc(r.rulesRemoved().isEmpty() ? "none" : String.join(", ", r.rulesRemoved()))).append(".</p>\n");
        }
        List<ImpactReport.Change> all = r.allChanges();
        if (!all.isEmpty() && r.examplesPerKind() > 0) {
            h.append("<h2>Examples</h2>\n");
            for (ImpactReport.Change c : all) {
                h.append("<details><summary>").append(esc(c.kind().label())).append(" (").append(c.patients())
                    .append(ImpactText.plural(c.patients())).append(")</summary>\n");
                for (ImpactReport.Example e : c.examples()) {
                    h.append("<h4>").append(esc(e.location())).append("</h4>\n<div class=\"side\">\n");
                    side(h, "Before", e.before());
                    side(h, "After", e.after());
                    h.append("</div>\n");
                }
                h.append("</details>\n");
            }
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** The chart of the therapy transitions alone (an inline SVG), for pages that lay the report out themselves. */
    public static String chart(List<ImpactReport.Change> therapyChanges) {
        StringBuilder h = new StringBuilder(4096);
        chart(h, therapyChanges);
        return h.toString();
    }

    /** A horizontal bar per therapy transition, longest for the most patients. */
    private static void chart(StringBuilder h, List<ImpactReport.Change> changes) {
        long max = changes.stream().mapToLong(ImpactReport.Change::patients).max().orElse(1);
        int height = changes.size() * BAR_HEIGHT + 4;
        int width = LABEL_WIDTH + BAR_WIDTH + 70;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width).append("\" height=\"").append(height)
            .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
            .append("<title>Patients per recommendation transition</title>\n");
        int y = 2;
        for (ImpactReport.Change c : changes) {
            double w = Math.max(1, BAR_WIDTH * (double) c.patients() / max);
            h.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(y + 15).append("\" text-anchor=\"end\">")
                .append(esc(c.kind().label())).append("</text>")
                .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 3).append("\" width=\"")
                .append(String.format(Locale.ROOT, "%.1f", w)).append("\" height=\"").append(BAR_HEIGHT - 6)
                .append("\" fill=\"").append(colour((ChangeKind.TherapyTransition) c.kind())).append("\"/>")
                .append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", LABEL_WIDTH + w + 4)).append("\" y=\"").append(y + 15)
                .append("\">").append(c.patients()).append("</text>\n");
            y += BAR_HEIGHT;
        }
        h.append("</svg>\n");
    }

    /** Green when a therapy is offered more strongly, red when less, grey otherwise. */
    private static String colour(ChangeKind.TherapyTransition t) {
        int from = rank(t.from());
        int to = rank(t.to());
        return to > from ? "#3a8a3a" : to < from ? "#b03a2e" : "#777777";
    }

    /** absent / NOT_RECOMMENDED / CONTRAINDICATED lowest, then CONSIDER, then RECOMMENDED. */
    private static int rank(Strength s) {
        if (s == null || !s.isOffered()) {
            return 0;
        }
        return s == Strength.RECOMMENDED ? 2 : 1;
    }

    private static void table(StringBuilder h, String title, List<ImpactReport.Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        h.append("<h2>").append(title).append("</h2>\n<table>\n<tr><th>change</th><th>patients</th></tr>\n");
        changes.forEach(c -> h.append("<tr><td>").append(esc(c.kind().label())).append("</td><td class=\"n\">").append(c.patients())
            .append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static void side(StringBuilder h, String name, ImpactReport.Side s) {
        h.append("<div><strong>").append(name).append(": ").append(esc(s.outcome())).append("</strong>");
        if (s.ruleId() != null) {
            h.append(" by ").append(esc(s.ruleId()));
        }
        if (s.rationale() != null) {
            h.append("<br>").append(esc(s.rationale()));
        }
        if (s.why() != null) {
            h.append("<pre>").append(esc(s.why())).append("</pre>");
        }
        h.append("</div>\n");
    }

    private static String esc(String s) {
        return HtmlText.escape(s);
    }
}
