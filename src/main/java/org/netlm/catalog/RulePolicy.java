package org.netlm.catalog;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.netlm.catalog.Types.Kind;
import org.netlm.catalog.Types.Ty;

/**
 * The rule policy (docs/rule-policy.md): a rule folder is knowledge, not code. Reads every DRL file with the Drools
 * DRL parser (imports, globals, functions, type declarations, rules with their attributes, conditions and
 * consequences) and every piece of Java in it (consequences, function bodies, evals, constraint expressions, from
 * sources) with JavaParser, resolves each name through the file's imports, and refuses anything outside the
 * {@link AllowList}: each violation with file, line and the offending expression. Nothing is compiled, loaded into a
 * session or run; classes are only looked up (never initialised).
 *
 * <p>Stateless and thread-safe: {@link #check(Map)} builds its parsers per call.
 */
public final class RulePolicy {
    /** The one global a rule folder may declare: the engine's criteria collector. */
    static final String CRITERIA_GLOBAL = "criteria";
    static final String CRITERIA_GLOBAL_TYPE = "org.netlm.model.fact.CriteriaCollector";
    /** Rule attributes that change when or how often a rule fires, never what it can do; values are literals. */
    private static final Set<String> ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active", "agenda-group",
        "activation-group", "ruleflow-group", "auto-focus", "date-effective", "date-expires", "dialect", "enabled");
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "average", "min", "max",
        "collectList", "collectSet");
    private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "contains", "memberOf", "excludes");
    /** Package names a rule folder may not put its generated classes in (they would see package-private code). */
    private static final List<String> FORBIDDEN_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
        "org.drools.", "org.kie.", "org.mvel2.", "org.netlm.");

    private RulePolicy() {
    }

    /**
     * Checks the DRL files of one rule folder against the policy.
     *
     * @param drlFiles file path (relative to the folder, e.g. {@code recommendation/process.drl}) to content; read in
     *                 this order
     * @return every violation, in file and line order; empty when the folder keeps to the policy
     */
    public static List<PolicyViolation> check(Map<String, String> drlFiles) {
        List<PolicyViolation> out = new ArrayList<>();
        Types types = new Types(RulePolicy.class.getClassLoader());
        Map<String, PackageDescr> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : drlFiles.entrySet()) {
            unicodeEscapes(f.getKey(), f.getValue(), out);
            DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
            try {
                PackageDescr pkg = parser.parse(false, new StringReader(f.getValue()));
                if (parser.hasErrors() || pkg == null) {
                    for (DroolsError err : parser.getErrors()) {
                        out.add(new PolicyViolation(f.getKey(), err.getLines().length > 0 ? Math.max(0, err.getLines()[0]) : 0,
                            err.getMessage()));
                    }
                    if (parser.getErrors().isEmpty()) {
                        out.add(new PolicyViolation(f.getKey(), 0, "the rule policy cannot read this file"));
                    }
                    continue;
                }
                parsed.put(f.getKey(), pkg);
            } catch (DroolsParserException e) {
                out.add(new PolicyViolation(f.getKey(), 0, e.getMessage()));
            }
        }
        // Declared types and functions are visible across the folder: collect them before reading any code.
        Map<String, Types.FileScope> scopes = new HashMap<>();
        for (Map.Entry<String, PackageDescr> e : parsed.entrySet()) {
            Types.FileScope scope = imports(e.getKey(), e.getValue(), types, out);
            scopes.put(e.getKey(), scope);
            for (TypeDeclarationDescr t : e.getValue().getTypeDeclarations()) {
                LinkedHashMap<String, String> fields = new LinkedHashMap<>();
                for (TypeFieldDescr fd : t.getFields().values()) {
                    fields.put(fd.getFieldName(), fd.getPattern() == null ? "Object" : fd.getPattern().getObjectType());
                }
                types.declared.put(t.getTypeName(), new Types.Declared(t.getTypeName(), fields, scope));
            }
            for (FunctionDescr fn : e.getValue().getFunctions()) {
                types.functions.put(fn.getName(), new Types.Function(fn.getName(), fn.getReturnType(), scope));
            }
        }
        Map<String, Set<String>> calls = new TreeMap<>();
        Map<String, PolicyViolation> functionAt = new HashMap<>();
        for (Map.Entry<String, PackageDescr> e : parsed.entrySet()) {
            new FileCheck(e.getKey(), drlFiles.get(e.getKey()), e.getValue(), scopes.get(e.getKey()), types, out, calls, functionAt).run();
        }
        recursion(calls, functionAt, out);
        out.sort(Comparator.comparing(PolicyViolation::file).thenComparingInt(PolicyViolation::line));
        return out.stream().distinct().toList();
    }

    /**
     * Java decodes {@code \}{@code uXXXX} escapes before it parses, anywhere in the text (in strings and comments too),
     * so one can spell a call the DRL parser never sees as code. Rule files are UTF-8: none is needed, none is allowed.
     */
    static void unicodeEscapes(String file, String text, List<PolicyViolation> out) {
        int line = 1;
        int reported = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '\\') {
                int run = 1;
                while (i + run < text.length() && text.charAt(i + run) == '\\') {
                    run++;
                }
                if (run % 2 == 1 && i + run < text.length() && text.charAt(i + run) == 'u' && reported != line) {
                    int end = Math.min(text.length(), i + run + 5);
                    out.add(new PolicyViolation(file, line, "the unicode escape " + text.substring(i + run - 1, end)
                        + " is not allowed in a rule file: Java decodes it before parsing, so it can hide code; write the "
                        + "character itself (rule files are UTF-8)"));
                    reported = line;
                }
                i += run - 1;
            }
        }
    }

    private static Types.FileScope imports(String file, PackageDescr pkg, Types types, List<PolicyViolation> out) {
        String name = pkg.getName() == null ? "" : pkg.getName();
        if (FORBIDDEN_PACKAGES.stream().anyMatch(p -> (name + ".").startsWith(p)) && !(name + ".").startsWith("org.netlm.rules.")) {
            out.add(new PolicyViolation(file, Math.max(1, pkg.getLine()), "package " + name + " is not allowed for rules: use a package of your own "
                + "(the bundled rules use org.netlm.rules.*)"));
        }
        Map<String, String> single = new HashMap<>();
        List<String> wildcard = new ArrayList<>();
        Map<String, String> functions = new HashMap<>();
        for (ImportDescr i : pkg.getImports()) {
            String target = i.getTarget();
            if (target.endsWith(".*")) {
                String p = target.substring(0, target.length() - 2);
                wildcard.add(p);
                if (!AllowList.isProjectPackage(p)) {
                    out.add(new PolicyViolation(file, i.getLine(), "import " + target + " is not allowed: rules import the "
                        + "project's fact packages " + AllowList.PROJECT_PACKAGES + " and single value types of docs/rule-policy.md"));
                }
                continue;
            }
            String simple = target.substring(target.lastIndexOf('.') + 1);
            single.put(simple, target);
            var c = types.classNamed(target);
            if (c.isEmpty() || !(AllowList.isProject(c.get()) || AllowList.jdk(c.get()) != null)) {
                out.add(new PolicyViolation(file, i.getLine(), "import " + target + " is not allowed: rules import the "
                    + "project's fact packages " + AllowList.PROJECT_PACKAGES + " and the value types of docs/rule-policy.md"));
            }
        }
        for (FunctionImportDescr f : pkg.getFunctionImports()) {
            String target = f.getTarget();
            String owner = target.substring(0, Math.max(0, target.lastIndexOf('.')));
            functions.put(target.substring(target.lastIndexOf('.') + 1), owner);
            if (!AllowList.isProjectName(target)) {
                out.add(new PolicyViolation(file, f.getLine(), "import function " + target + " is not allowed: only the "
                    + "project's static methods " + AllowList.PROJECT_PACKAGES + " may be imported as functions"));
            }
        }
        pkg.getAccumulateImports().forEach(a -> out.add(new PolicyViolation(file, a.getLine(),
            "import accumulate " + a.getTarget() + " is not allowed: rules use the built-in accumulate functions " + ACCUMULATE_FUNCTIONS)));
        return new Types.FileScope(name, single, wildcard, functions);
    }

    /** Recursion (direct or through other functions) can run forever inside one firing, out of the engine's reach. */
    private static void recursion(Map<String, Set<String>> calls, Map<String, PolicyViolation> at, List<PolicyViolation> out) {
        for (String fn : calls.keySet()) {
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(calls.get(fn));
            Set<String> seen = new java.util.HashSet<>();
            while (!todo.isEmpty()) {
                String next = todo.poll();
                if (next.equals(fn)) {
                    PolicyViolation where = at.get(fn);
                    out.add(new PolicyViolation(where.file(), where.line(), "function " + fn + " calls itself (directly or "
                        + "through another function): recursion is not allowed in a rule folder, it can run without end"));
                    break;
                }
                if (seen.add(next)) {
                    todo.addAll(calls.getOrDefault(next, Set.of()));
                }
            }
        }
    }

    /** The checks of one file. */
    private static final class FileCheck {
        private final String file;
        private final String text;
        private final int[] lineStarts;
        private final PackageDescr pkg;
        private final Types.FileScope scope;
        private final Types types;
        private final List<PolicyViolation> out;
        private final Map<String, Set<String>> calls;
        private final Map<String, PolicyViolation> functionAt;
        private final JavaParser javaParser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            // read the code as javac will: unicode escapes decoded first (they are refused as well, see unicodeEscapes)
            .setPreprocessUnicodeEscapes(true));
        private final DrlExprParser exprParser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
        private final Map<String, Ty> globals = new HashMap<>();

        FileCheck(String file, String text, PackageDescr pkg, Types.FileScope scope, Types types, List<PolicyViolation> out,
                  Map<String, Set<String>> calls, Map<String, PolicyViolation> functionAt) {
            this.file = file;
            this.text = text;
            this.pkg = pkg;
            this.scope = scope;
            this.types = types;
            this.out = out;
            this.calls = calls;
            this.functionAt = functionAt;
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        void run() {
            attributes(pkg.getAttributes(), 1);
            globals();
            declarations();
            pkg.getEntryPointDeclarations().forEach(d -> refuse(d.getLine(), "declare entry-point is not allowed: rules read "
                + "the facts the engine inserts"));
            pkg.getWindowDeclarations().forEach(d -> refuse(d.getLine(), "declare window is not allowed in a rule folder"));
            pkg.getEnumDeclarations().forEach(d -> refuse(d.getLine(), "declare enum " + d.getTypeName() + " is not allowed: "
                + "use the project's enums"));
            for (FunctionDescr fn : pkg.getFunctions()) {
                function(fn);
            }
            for (RuleDescr r : pkg.getRules()) {
                rule(r);
            }
        }

        private void refuse(int line, String message) {
            out.add(new PolicyViolation(file, Math.max(0, line), message));
        }

        private void globals() {
            for (GlobalDescr g : pkg.getGlobals()) {
                var t = types.dotted(g.getType(), scope);
                boolean engines = CRITERIA_GLOBAL.equals(g.getIdentifier()) && t.isPresent() && t.get().kind() == Kind.TYPE
                    && t.get().raw().getName().equals(CRITERIA_GLOBAL_TYPE);
                if (!engines) {
                    globals.put(g.getIdentifier(), Ty.REFUSED); // reported here, not again at every use
                    refuse(g.getLine(), "global " + g.getType() + " " + g.getIdentifier() + " is not allowed: the only global "
                        + "is the engine's (global CriteriaCollector criteria;)");
                } else {
                    globals.put(g.getIdentifier(), Ty.value(t.get().raw()));
                }
            }
        }

        private void declarations() {
            for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
                String name = t.getTypeName();
                boolean shadows = types.classNamed("java.lang." + name).isPresent()
                    || AllowList.PROJECT_PACKAGES.stream().anyMatch(p -> types.classNamed(p + "." + name).isPresent())
                    || AllowList.jdkTypes().stream().anyMatch(c -> c.getSimpleName().equals(name))
                    || scope.singleImports().containsKey(name);
                if (shadows) {
                    refuse(t.getLine(), "declare " + name + " is not allowed: it has the name of a project or Java type "
                        + "(a declared type must not shadow one)");
                }
                for (var sup : t.getSuperTypes()) {
                    if (!types.declared.containsKey(sup.getName())) {
                        refuse(t.getLine(), "declare " + name + " extends " + sup.getFullName() + " is not allowed: a declared "
                            + "type may extend only another type declared in the rule folder");
                    }
                }
                for (TypeFieldDescr f : t.getFields().values()) {
                    String typeName = f.getPattern() == null ? "Object" : f.getPattern().getObjectType();
                    checkTypeName(typeName, f.getLine() > 0 ? f.getLine() : t.getLine(), "a field of " + name);
                    if (f.getInitExpr() != null && !f.getInitExpr().isBlank()) {
                        expression(f.getInitExpr(), locate(f.getInitExpr(), f.getLine() > 0 ? f.getLine() : t.getLine()),
                            "the initial value of " + name + "." + f.getFieldName(), null, new HashMap<>(), false);
                    }
                }
            }
        }

        private void checkTypeName(String typeName, int line, String where) {
            try {
                var type = javaParser.parseType(typeName).getResult();
                if (type.isEmpty()) {
                    refuse(line, "type " + typeName + " is not allowed in " + where + ": it cannot be read");
                    return;
                }
                checker(where, null, false, line).typeOf(type.get());
            } catch (RuntimeException e) {
                refuse(line, "type " + typeName + " is not allowed in " + where + ": it cannot be read");
            }
        }

        private void attributes(java.util.Collection<AttributeDescr> attrs, int line) {
            for (AttributeDescr a : attrs) {
                String name = a.getName();
                String value = a.getValue() == null ? "" : a.getValue().trim();
                int at = a.getLine() > 0 ? a.getLine() : line;
                if (!ATTRIBUTES.contains(name)) {
                    refuse(at, "the rule attribute " + name + " is not allowed (rules may use " + new java.util.TreeSet<>(ATTRIBUTES) + ")");
                } else if (name.equals("salience") && !value.matches("-?\\d+")) {
                    refuse(at, "salience " + value + " is not allowed: salience is a whole number, not an expression");
                } else if (name.equals("enabled") && !value.matches("true|false")) {
                    refuse(at, "enabled " + value + " is not allowed: enabled is true or false, not an expression");
                } else if (name.equals("dialect") && !value.replace("\"", "").equals("java")) {
                    refuse(at, "dialect " + value + " is not allowed: the rule policy reads consequences as Java (dialect \"java\")");
                }
            }
        }

        private void function(FunctionDescr fn) {
            int line = fn.getLine();
            String where = "function " + fn.getName();
            functionAt.put(fn.getName(), new PolicyViolation(file, line, ""));
            if (fn.getDialect() != null && !fn.getDialect().equals("java")) {
                refuse(line, "dialect " + fn.getDialect() + " is not allowed in " + where);
            }
            if (fn.getReturnType() != null && !fn.getReturnType().equals("void")) {
                checkTypeName(fn.getReturnType(), line, where);
            }
            Map<String, Ty> vars = new HashMap<>();
            for (int i = 0; i < fn.getParameterNames().size(); i++) {
                String typeName = fn.getParameterTypes().get(i);
                checkTypeName(typeName, line, where);
                vars.put(fn.getParameterNames().get(i), paramType(typeName, line, where));
            }
            CodeChecker c = code(fn.getBody(), line, where, null, vars, false);
            calls.put(fn.getName(), c == null ? Set.of() : c.calledFunctions);
        }

        private Ty paramType(String typeName, int line, String where) {
            var type = javaParser.parseType(typeName).getResult();
            return type.map(t -> checker(where, null, false, line, v -> { }).typeOf(t)).orElse(Ty.UNKNOWN);
        }

        private void rule(RuleDescr r) {
            String what = r.isQuery() ? "query" : "rule";
            attributes(r.getAttributes().values(), r.getLine());
            Map<String, Ty> vars = new HashMap<>();
            if (r instanceof org.drools.drl.ast.descr.QueryDescr q) {
                for (int i = 0; i < q.getParameters().length; i++) {
                    checkTypeName(q.getParameterTypes()[i], q.getLine(), "query " + q.getName());
                    vars.put(q.getParameters()[i], paramType(q.getParameterTypes()[i], q.getLine(), "query " + q.getName()));
                }
            }
            if (r.getLhs() != null) {
                condition(r.getLhs(), vars, r.getLine());
            }
            if (r.getConsequence() instanceof String body) {
                int line = r.getConsequenceLine() > 0 ? r.getConsequenceLine() : r.getLine();
                code(body, line, "a " + what + " consequence", null, vars, true);
            } else if (r.getConsequence() != null) {
                refuse(r.getLine(), "the consequence of " + what + " \"" + r.getName() + "\" cannot be read by the rule policy");
            }
            for (Map.Entry<String, Object> named : r.getNamedConsequences().entrySet()) {
                if (named.getValue() instanceof String body) {
                    code(body, r.getConsequenceLine() > 0 ? r.getConsequenceLine() : r.getLine(),
                        "the named consequence [" + named.getKey() + "]", null, vars, true);
                }
            }
        }

        // ---- conditions ---------------------------------------------------------------------------------------

        private void condition(BaseDescr d, Map<String, Ty> vars, int ruleLine) {
            int line = d.getLine() > 0 ? d.getLine() : ruleLine;
            if (d instanceof PatternDescr p) {
                pattern(p, vars, line);
            } else if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr
                || d instanceof ForallDescr) {
                for (Object child : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                    condition((BaseDescr) child, vars, line);
                }
            } else if (d instanceof EvalDescr e) {
                String content = String.valueOf(e.getContent());
                expression(content, locate(content, line), "an eval", null, vars, false);
            } else if (d instanceof ConditionalBranchDescr b) {
                if (b.getCondition() != null) {
                    condition(b.getCondition(), vars, line);
                }
                if (b.getElseBranch() != null) {
                    condition(b.getElseBranch(), vars, line);
                }
            } else if (!(d instanceof NamedConsequenceDescr)) {
                refuse(line, "the condition element " + d.getClass().getSimpleName().replace("Descr", "")
                    + " is not allowed by the rule policy");
            }
        }

        private void pattern(PatternDescr p, Map<String, Ty> vars, int line) {
            Ty self = Ty.UNKNOWN;
            if (p.isQuery()) {
                self = null;
            } else {
                var t = types.dotted(p.getObjectType(), scope);
                if (t.isEmpty()) {
                    refuse(line, "facts of type " + p.getObjectType() + " cannot be matched: it is not a known type");
                } else if (t.get().kind() == Kind.DECLARED_TYPE) {
                    self = Ty.declaredValue(t.get().name());
                } else if (!AllowList.allowedType(t.get().raw())) {
                    refuse(line, "facts of type " + p.getObjectType() + " cannot be matched: " + t.get().raw().getName()
                        + " is not a type rules may use (docs/rule-policy.md)");
                } else {
                    self = Ty.value(t.get().raw());
                }
            }
            PatternSourceDescr source = p.getSource();
            if (source != null) {
                source(source, vars, line, p);
            }
            if (p.getIdentifier() != null && self != null) {
                vars.put(p.getIdentifier(), self);
            }
            for (BaseDescr c : p.getConstraint().getDescrs()) {
                int at = c.getLine() > 0 ? c.getLine() : line;
                if (c instanceof ExprConstraintDescr e) {
                    constraint(e.getExpression(), at, self, vars);
                } else {
                    refuse(at, "the constraint " + c + " cannot be read by the rule policy");
                }
            }
        }

        private void source(PatternSourceDescr s, Map<String, Ty> vars, int line, PatternDescr p) {
            if (s instanceof FromDescr f) {
                String expr = f.getExpression();
                int at = locate(expr, line);
                Expression parsed = parseExpression(expr, at, "a from source");
                if (parsed == null) {
                    return;
                }
                Expression root = parsed;
                while (true) {
                    if (root instanceof com.github.javaparser.ast.expr.MethodCallExpr m && m.getScope().isPresent()) {
                        root = m.getScope().get();
                    } else if (root instanceof com.github.javaparser.ast.expr.FieldAccessExpr fa) {
                        root = fa.getScope();
                    } else if (root instanceof com.github.javaparser.ast.expr.EnclosedExpr en) {
                        root = en.getInner();
                    } else {
                        break;
                    }
                }
                boolean ownData = root instanceof com.github.javaparser.ast.expr.NameExpr n
                    && (vars.containsKey(n.getNameAsString()) || projectType(n.getNameAsString()));
                if (!ownData) {
                    refuse(at, "from " + CodeChecker.shorten(expr) + " is not allowed: a from source is a collection of the "
                        + "case's own facts, reached from a bound variable (e.g. from $p.priorTherapiesOrEmpty()), or the "
                        + "project's own values (e.g. from Therapy.values())");
                }
                checker("a from source", null, false, at).value(parsed, vars);
            } else if (s instanceof AccumulateDescr a) {
                if (a instanceof org.drools.drl.ast.descr.GroupByDescr || !a.isExternalFunction() && a.getInitCode() != null) {
                    refuse(line, "an accumulate with its own code (init/action/result or groupby) is not allowed: use "
                        + ACCUMULATE_FUNCTIONS);
                }
                if (a.getInput() != null) {
                    condition(a.getInput(), vars, line);
                }
                for (AccumulateDescr.AccumulateFunctionCallDescr fc : a.getFunctions()) {
                    if (!ACCUMULATE_FUNCTIONS.contains(fc.getFunction())) {
                        refuse(line, "the accumulate function " + fc.getFunction() + " is not allowed: use " + ACCUMULATE_FUNCTIONS);
                    }
                    for (String param : fc.getParams()) {
                        expression(param, locate(param, line), "an accumulate", null, vars, false);
                    }
                    if (fc.getBind() != null) {
                        vars.put(fc.getBind(), Ty.value(switch (fc.getFunction()) {
                            case "collectList" -> List.class;
                            case "collectSet" -> Set.class;
                            default -> Number.class;
                        }));
                    }
                }
            } else if (s instanceof CollectDescr c) {
                if (c.getInputPattern() != null) {
                    condition(c.getInputPattern(), vars, line);
                }
            } else {
                refuse(line, "the source " + s.getClass().getSimpleName().replace("Descr", "") + " of " + p.getObjectType()
                    + " is not allowed: rules match the facts the engine inserts, or from a collection of the case");
            }
        }

        /** Whether {@code name} is a project type in this file (its static data is the project's, like the case's). */
        private boolean projectType(String name) {
            return types.simple(name, scope).filter(t -> t.kind() == Kind.TYPE && AllowList.isProject(t.raw())).isPresent();
        }

        /** A constraint of a pattern: split by Drools' constraint parser, each operand read as Java. */
        private void constraint(String text, int line, Ty self, Map<String, Ty> vars) {
            ConstraintConnectiveDescr parsed = exprParser.parse(text);
            if (parsed == null || exprParser.hasErrors()) {
                refuse(line, "the constraint " + CodeChecker.shorten(text) + " cannot be read by the rule policy");
                return;
            }
            connective(parsed, text, line, self, vars);
        }

        private void connective(BaseDescr d, String text, int line, Ty self, Map<String, Ty> vars) {
            if (d instanceof ConstraintConnectiveDescr c) {
                for (BaseDescr child : c.getDescrs()) {
                    connective(child, text, line, self, vars);
                }
            } else if (d instanceof RelationalExprDescr r) {
                String op = r.getOperator();
                if (!OPERATORS.contains(op)) {
                    refuse(line, "the operator " + op + " is not allowed in a condition (allowed: " + new java.util.TreeSet<>(OPERATORS) + ")");
                }
                connective(r.getLeft(), text, line, self, vars);
                connective(r.getRight(), text, line, self, vars);
            } else if (d instanceof BindingDescr b) {
                Ty t = operand(b.getExpression(), text, line, self, vars);
                vars.put(b.getVariable(), t);
            } else if (d instanceof AtomicExprDescr a) {
                if (!a.isLiteral()) {
                    operand(a.getExpression(), text, line, self, vars);
                }
            } else {
                refuse(line, "the constraint " + CodeChecker.shorten(text) + " cannot be read by the rule policy");
            }
        }

        private Ty operand(String expr, String constraint, int line, Ty self, Map<String, Ty> vars) {
            int offset = constraint.indexOf(expr);
            int at = line + (offset < 0 ? 0 : (int) constraint.substring(0, offset).chars().filter(ch -> ch == '\n').count());
            Expression parsed = parseExpression(expr, at, "a condition");
            if (parsed == null) {
                return Ty.UNKNOWN;
            }
            return checker("a condition", self, false, at).value(parsed, vars);
        }

        // ---- Java code ----------------------------------------------------------------------------------------

        private Expression parseExpression(String expr, int line, String where) {
            ParseResult<Expression> r = javaParser.parseExpression(expr);
            if (r.isSuccessful() && r.getResult().isPresent()) {
                return r.getResult().get();
            }
            refuse(line, CodeChecker.shorten(expr) + " is not allowed in " + where + ": it cannot be read as a Java expression");
            return null;
        }

        private void expression(String expr, int line, String where, Ty self, Map<String, Ty> vars, boolean consequence) {
            Expression parsed = parseExpression(expr, line, where);
            if (parsed != null) {
                checker(where, self, consequence, line).value(parsed, vars);
            }
        }

        /** A block of Java (consequence, function body); {@code line} is where it is, or a line just before it. */
        private CodeChecker code(String body, int line, String where, Ty self, Map<String, Ty> vars, boolean consequence) {
            int first = locate(body, line);
            ParseResult<BlockStmt> r = javaParser.parseBlock("{" + body + "\n}");
            if (!r.isSuccessful() || r.getResult().isEmpty()) {
                String problem = r.getProblems().isEmpty() ? "" : ": " + r.getProblems().get(0).getMessage().lines().findFirst().orElse("");
                int at = r.getProblems().stream().findFirst().flatMap(pr -> pr.getLocation())
                    .flatMap(l -> l.getBegin().getRange()).map(rg -> first + rg.begin.line - 1).orElse(first);
                refuse(at, "the code of " + where + " cannot be read as Java" + problem);
                return null;
            }
            CodeChecker c = checker(where, self, consequence, first);
            c.block(r.getResult().get(), new HashMap<>(vars));
            return c;
        }

        private CodeChecker checker(String where, Ty self, boolean consequence, int line) {
            return checker(where, self, consequence, line, v -> refuse(v.line(), v.message()));
        }

        private CodeChecker checker(String where, Ty self, boolean consequence, int line, java.util.function.Consumer<CodeChecker.Violation> sink) {
            return new CodeChecker(where, types, scope, globals, self, consequence, line, sink);
        }

        /** The line where {@code chunk} starts, searching from line {@code near}; {@code near} when not found. */
        private int locate(String chunk, int near) {
            if (chunk == null || near < 1 || near > lineStarts.length) {
                return Math.max(near, 1);
            }
            String probe = chunk.strip();
            if (probe.isEmpty()) {
                return near;
            }
            int idx = text.indexOf(probe, lineStarts[near - 1]);
            if (idx < 0) {
                return near;
            }
            int lead = chunk.indexOf(probe);
            int leadingLines = (int) chunk.substring(0, Math.max(lead, 0)).chars().filter(ch -> ch == '\n').count();
            int line = java.util.Arrays.binarySearch(lineStarts, idx);
            int found = line >= 0 ? line + 1 : -line - 1;
            return found - leadingLines;
        }
    }
}
