package org.netlm.engine;

import java.beans.Introspector;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netlm.validation.DidYouMean;

/**
 * Makes a compiler problem one an informatician can act on: when Drools cannot resolve a name (a criterion code, a
 * therapy, a fact field), the problem points at the line where the name is written (Drools often reports the
 * rule's first line) and says which known name was probably meant.
 */
final class RuleProblemHints {
    /** {@code …unable to resolve method using strict-mode: org.netlm.model.PatientCase.ki67Precent()}. */
    private static final Pattern STRICT = Pattern.compile("strict-mode: ([\\w.]+)\\.(\\w+)\\(\\)");
    /** {@code PRTT cannot be resolved or is not a field}. */
    private static final Pattern NOT_A_FIELD = Pattern.compile("(\\w+) cannot be resolved or is not a field");
    private static final String MODEL = "org.netlm.model.";

    private RuleProblemHints() {
    }

    static List<RuleProblem> improve(List<RuleProblem> problems, RuleSource source) {
        List<RuleProblem> out = new ArrayList<>(problems.size());
        for (RuleProblem p : problems) {
            out.add(improve(p, source).orElse(p));
        }
        return out;
    }

    private static Optional<RuleProblem> improve(RuleProblem p, RuleSource source) {
        String[] lines = source.drlFiles().stream().filter(f -> f.path().equals(p.file())).findFirst()
            .map(f -> f.content().split("\n", -1)).orElse(null);
        if (lines == null) {
            return Optional.empty();
        }
        Matcher m = STRICT.matcher(p.message());
        if (m.find()) {
            String type = m.group(1);
            String name = m.group(2);
            Class<?> c = modelClass(type);
            if (c == null) {
                return Optional.empty();
            }
            String simple = c.getSimpleName();
            boolean isEnum = c.isEnum();
            int line = find(lines, p.line(), isEnum ? simple + "\\s*\\.\\s*" + name : name);
            String what = isEnum ? simple + "." + name + " does not exist" : simple + " has no field " + name;
            return Optional.of(new RuleProblem(p.file(), line > 0 ? line : p.line(),
                what + hint(name, names(c)) + " [" + p.message() + "]"));
        }
        m = NOT_A_FIELD.matcher(p.message());
        if (m.find()) {
            String name = m.group(1);
            // the qualifier written before the name tells which vocabulary it was meant from: Therapy.PRTT
            for (int i = Math.max(0, p.line() - 1); i < lines.length; i++) {
                Matcher q = Pattern.compile("\\b(\\w+)\\s*\\.\\s*" + Pattern.quote(name) + "\\b").matcher(lines[i]);
                if (q.find()) {
                    Class<?> c = modelClass(MODEL + q.group(1));
                    if (c != null && c.isEnum()) {
                        return Optional.of(new RuleProblem(p.file(), i + 1, q.group(1) + "." + name + " does not exist"
                            + hint(name, names(c)) + " [" + p.message() + "]"));
                    }
                    break;
                }
            }
        }
        return Optional.empty();
    }

    private static String hint(String name, Set<String> known) {
        return DidYouMean.nearest(name, known).map(k -> " (did you mean " + k + "?)").orElse("");
    }

    /** The first line (1-based) at or after {@code from} where {@code regex} occurs as a word, else anywhere; 0 if nowhere. */
    private static int find(String[] lines, int from, String regex) {
        Pattern p = Pattern.compile("\\b" + regex + "\\b");
        for (int i = Math.max(0, from - 1); i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static Class<?> modelClass(String name) {
        if (!name.startsWith(MODEL)) {
            return null;
        }
        try {
            return Class.forName(name, false, RuleProblemHints.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** An enum's constants, or a fact class's readable properties (getX / isX as x). */
    private static Set<String> names(Class<?> c) {
        Set<String> out = new TreeSet<>();
        if (c.isEnum()) {
            Arrays.stream(c.getEnumConstants()).forEach(e -> out.add(((Enum<?>) e).name()));
            return out;
        }
        for (Method m : c.getMethods()) {
            if (m.getParameterCount() == 0 && m.getDeclaringClass() != Object.class) {
                String n = m.getName();
                if (n.startsWith("get") && n.length() > 3) {
                    out.add(Introspector.decapitalize(n.substring(3)));
                } else if (n.startsWith("is") && n.length() > 2) {
                    out.add(Introspector.decapitalize(n.substring(2)));
                }
            }
        }
        return out;
    }
}
