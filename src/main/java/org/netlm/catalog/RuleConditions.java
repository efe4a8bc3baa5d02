package org.netlm.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * A rule's conditions as written, for the catalogue: every constrained pattern of its {@code when} part (except the
 * {@code Criteria(…)} conditions, which the catalogue lists as requirements), and for a criterion rule the state it
 * derives. Thresholds thus show in the catalogue, and an edit of one shows in its diff. Getters are read as field
 * names ({@code $p.getKi67Percent()} as {@code ki67Percent}) and the {@code Tri} comparisons as symbols
 * ({@code Tri.atMost(ki67Percent, 10)} as {@code ki67Percent ≤ 10}).
 */
final class RuleConditions {
    private static final Pattern CRITERION_OF = Pattern.compile("Criterion\\s*\\.\\s*of\\s*\\(\\s*CriterionCode\\s*\\.\\s*(\\w+)\\s*,");
    private static final Pattern GETTER = Pattern.compile("\\$\\w+\\s*\\.\\s*(?:get|is)([A-Z])(\\w*)\\s*\\(\\s*\\)");
    private static final String ARG = "([\\w.]+)";
    private static final Pattern[] COMPARISONS = {
        Pattern.compile("Tri\\.atMost\\(" + ARG + ",\\s*" + ARG + "\\)"),
        Pattern.compile("Tri\\.below\\(" + ARG + ",\\s*" + ARG + "\\)"),
        Pattern.compile("Tri\\.atLeast\\(" + ARG + ",\\s*" + ARG + "\\)"),
        Pattern.compile("Tri\\.above\\(" + ARG + ",\\s*" + ARG + "\\)"),
    };
    private static final String[] SYMBOLS = {" ≤ ", " < ", " ≥ ", " > "};
    private static final Pattern BETWEEN = Pattern.compile("Tri\\.between\\(" + ARG + ",\\s*" + ARG + ",\\s*" + ARG + "\\)");

    private RuleConditions() {
    }

    static List<String> asWritten(RuleDescr r) {
        List<String> out = new ArrayList<>();
        patterns(r.getLhs(), "", out);
        String rhs = r.getConsequence() == null ? "" : r.getConsequence().toString();
        Matcher m = CRITERION_OF.matcher(rhs);
        while (m.find()) {
            String state = argument(rhs, m.end());
            if (state.matches("\\w+")) { // a local variable: its definition
                Matcher def = Pattern.compile("\\b" + state + "\\s*=\\s*([^;]+);").matcher(rhs);
                if (def.find()) {
                    state = def.group(1);
                }
            }
            out.add(m.group(1) + ": " + readable(state));
        }
        return out;
    }

    private static void patterns(BaseDescr d, String prefix, List<String> out) {
        if (d instanceof PatternDescr p) {
            String type = p.getObjectType() == null ? "?" : p.getObjectType();
            if (type.equals("Criteria") || type.endsWith(".Criteria") || p.getConstraint().getDescrs().isEmpty()) {
                return;
            }
            List<String> cs = new ArrayList<>();
            for (BaseDescr c : p.getConstraint().getDescrs()) {
                cs.add(normalise(c.getText() != null ? c.getText() : c.toString()));
            }
            String simple = type.contains(".") ? type.substring(type.lastIndexOf('.') + 1) : type;
            out.add(prefix + simple + "( " + readable(String.join(", ", cs)) + " )");
        } else if (d instanceof NotDescr n) {
            n.getDescrs().forEach(c -> patterns(c, prefix + "not ", out));
        } else if (d instanceof ExistsDescr e) {
            for (Object c : e.getDescrs()) {
                patterns((BaseDescr) c, prefix + "exists ", out);
            }
        } else if (d instanceof AndDescr a) {
            a.getDescrs().forEach(c -> patterns(c, prefix, out));
        } else if (d != null && d.getText() != null) {
            out.add(prefix + normalise(d.getText()));
        }
    }

    /** The argument that starts at {@code from} (up to the comma or parenthesis that closes it at depth 0). */
    private static String argument(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return normalise(s.substring(from, i));
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return normalise(s.substring(from, i));
            }
        }
        return normalise(s.substring(from));
    }

    static String readable(String s) {
        String out = GETTER.matcher(s).replaceAll(m -> m.group(1).toLowerCase(java.util.Locale.ROOT) + m.group(2));
        for (int i = 0; i < COMPARISONS.length; i++) {
            out = COMPARISONS[i].matcher(out).replaceAll("$1" + SYMBOLS[i] + "$2");
        }
        return BETWEEN.matcher(out).replaceAll("$2 ≤ $1 ≤ $3");
    }

    private static String normalise(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
