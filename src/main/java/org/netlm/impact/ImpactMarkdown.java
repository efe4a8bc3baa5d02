package org.netlm.impact;

import java.util.ArrayList;
import java.util.List;
import org.netlm.io.CatalogMarkdown;
import org.netlm.model.Assessment;

/** The impact report as Markdown, for the description of a pull request that edits rules. */
public final class ImpactMarkdown {
    private ImpactMarkdown() {
    }

    public static String render(ImpactReport r) {
        StringBuilder md = new StringBuilder();
        md.append("## Impact of this rule edit\n\n");
        md.append("> ").append(Assessment.DISCLAIMER).append("\n\n");
        md.append("| | rules |\n|---|---|\n");
        md.append("| before | ").append(esc(ImpactText.describe(r.before()))).append(" |\n");
        md.append("| after | ").append(esc(ImpactText.describe(r.after()))).append(" |\n");
        md.append("| cohort | ").append(esc(String.join(", ", r.cohort()))).append(" |\n\n");
        md.append("**").append(esc(ImpactText.headline(r))).append("**\n");
        if (r.detailsChanged() > 0) {
            md.append("\n").append(r.detailsChanged()).append(" more with the same strengths but another deciding rule, rationale or evidence.\n");
        }
        if (r.rejected() > 0) {
            md.append("\n").append(r.rejected()).append(" patients could not be assessed (see the command's standard error).\n");
        }
        if (!r.therapyChanges().isEmpty()) {
            md.append("\n### Recommendations\n\n| therapy | transitions (patients) |\n|---|---|\n");
            ImpactText.byTherapy(r).forEach((t, list) -> {
                List<String> parts = new ArrayList<>();
                list.forEach(c -> parts.add(((ChangeKind.TherapyTransition) c.kind()).transition() + " **" + c.patients() + "**"));
                md.append("| `").append(t).append("` | ").append(String.join(", ", parts)).append(" |\n");
            });
        }
        table(md, "Findings", r.findingChanges());
        table(md, "Warnings", r.warningChanges());
        if (!r.ruleFiring().isEmpty()) {
            md.append("\n### Rules whose firing changed\n\n| rule | fired before | fired after | lost | gained |\n|---|---:|---:|---:|---:|\n");
            r.ruleFiring().forEach(f -> md.append("| `").append(f.ruleId()).append("` | ").append(f.firedBefore()).append(" | ")
                .append(f.firedAfter()).append(" | ").append(f.lost()).append(" | ").append(f.gained()).append(" |\n"));
        }
        if (!r.rulesAdded().isEmpty() || !r.rulesRemoved().isEmpty()) {
            md.append("\nRules added: ").append(ids(r.rulesAdded())).append(". Rules removed: ").append(ids(r.rulesRemoved())).append(".\n");
        }
        List<ImpactReport.Change> all = r.allChanges();
        if (!all.isEmpty() && r.examplesPerKind() > 0) {
            md.append("\n### Examples\n");
            for (ImpactReport.Change c : all) {
                md.append("\n<details><summary>").append(esc(c.kind().label())).append(" (").append(c.patients())
                    .append(ImpactText.plural(c.patients())).append(")</summary>\n\n");
                for (ImpactReport.Example e : c.examples()) {
                    md.append("- ").append(esc(e.location())).append("\n");
                    side(md, "before", e.before());
                    side(md, "after", e.after());
                }
                md.append("\n</details>\n");
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String title, List<ImpactReport.Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        md.append("\n### ").append(title).append("\n\n| change | patients |\n|---|---:|\n");
        changes.forEach(c -> md.append("| ").append(esc(c.kind().label())).append(" | ").append(c.patients()).append(" |\n"));
    }

    private static void side(StringBuilder md, String name, ImpactReport.Side s) {
        md.append("  - ").append(name).append(": **").append(esc(s.outcome())).append("**");
        if (s.ruleId() != null) {
            md.append(" by `").append(s.ruleId()).append('`');
        }
        if (s.rationale() != null) {
            md.append(": ").append(esc(s.rationale()));
        }
        md.append('\n');
        if (s.why() != null) {
            md.append("\n    ```text\n");
            for (String line : s.why().split("\n")) {
                md.append("    ").append(line.replace("```", "'''")).append('\n');
            }
            md.append("    ```\n\n");
        }
    }

    private static String ids(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids.stream().map(i -> "`" + i + "`").toList());
    }

    private static String esc(String s) {
        return CatalogMarkdown.escape(s);
    }
}
