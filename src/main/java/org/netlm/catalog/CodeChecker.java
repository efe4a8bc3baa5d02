package org.netlm.catalog;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VarType;
import com.github.javaparser.ast.type.VoidType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.netlm.catalog.Types.Kind;
import org.netlm.catalog.Types.Ty;
import org.netlm.validation.DidYouMean;

/**
 * Checks one piece of rule code (a consequence, a function body, an eval, a constraint's expression, a from source)
 * read as a Java syntax tree: every name is resolved (variables, the pattern's properties, the engine's global,
 * types through the file's imports), the type of every value is inferred, and every call, constructor, field access
 * and type must be on the {@link AllowList}. Each refusal goes to {@code report} with the line of the node.
 */
final class CodeChecker {
    /** Drools' consequence helpers that write to working memory other than by inserting. */
    private static final Set<String> WRITES = Set.of("update", "modify", "delete", "retract");

    /** Where the code sits, for messages: "a rule consequence", "a condition", "function twice", … */
    private final String where;
    private final Types types;
    private final Types.FileScope scope;
    private final Map<String, Ty> globals;
    /** The pattern's type in a constraint (its properties and methods are names there), else null. */
    private final Ty self;
    private final boolean consequence;
    private final int baseLine;
    private final Consumer<Violation> report;
    /** Folder functions called from this code (for the recursion check). */
    final Set<String> calledFunctions = new TreeSet<>();

    record Violation(int line, String message) {
    }

    CodeChecker(String where, Types types, Types.FileScope scope, Map<String, Ty> globals, Ty self, boolean consequence,
                int baseLine, Consumer<Violation> report) {
        this.where = where;
        this.types = types;
        this.scope = scope;
        this.globals = globals;
        this.self = self;
        this.consequence = consequence;
        this.baseLine = baseLine;
        this.report = report;
    }

    private void refuse(Node n, String message) {
        int line = n.getBegin().map(p -> p.line).orElse(1);
        report.accept(new Violation(baseLine + line - 1, message));
    }

    private String notAllowed(String what) {
        return what + " is not allowed in " + where;
    }

    // ---- statements -------------------------------------------------------------------------------------------

    void block(BlockStmt b, Map<String, Ty> vars) {
        Map<String, Ty> local = new HashMap<>(vars);
        for (Statement s : b.getStatements()) {
            statement(s, local);
        }
    }

    private void statement(Statement s, Map<String, Ty> vars) {
        if (s instanceof BlockStmt b) {
            block(b, vars);
        } else if (s instanceof ExpressionStmt e) {
            if (e.getExpression() instanceof VariableDeclarationExpr v) {
                declare(v, vars);
            } else {
                value(e.getExpression(), vars);
            }
        } else if (s instanceof IfStmt i) {
            value(i.getCondition(), vars);
            statement(i.getThenStmt(), new HashMap<>(vars));
            i.getElseStmt().ifPresent(e -> statement(e, new HashMap<>(vars)));
        } else if (s instanceof ForEachStmt f) {
            // over a collection of the case: as long as the data, never unbounded
            value(f.getIterable(), vars);
            Map<String, Ty> inner = new HashMap<>(vars);
            for (VariableDeclarator d : f.getVariable().getVariables()) {
                inner.put(d.getNameAsString(), typeOf(d.getType()));
            }
            statement(f.getBody(), inner);
        } else if (s instanceof ReturnStmt r) {
            r.getExpression().ifPresent(e -> value(e, vars));
        } else if (s instanceof SwitchStmt sw) {
            entries(sw.getEntries(), vars, value(sw.getSelector(), vars));
        } else if (s instanceof YieldStmt y) {
            value(y.getExpression(), vars);
        } else if (!(s instanceof BreakStmt || s instanceof ContinueStmt || s instanceof EmptyStmt)) {
            String kind = s.getClass().getSimpleName().replace("Stmt", "").toLowerCase(Locale.ROOT);
            refuse(s, notAllowed("a " + kind + " statement") + " (rules use expressions, local variables, if, switch and "
                + "for-each over the case's collections: no while/for loops, try, throw, synchronized or local classes)");
        }
    }

    private void entries(NodeList<SwitchEntry> entries, Map<String, Ty> vars, Ty selector) {
        for (SwitchEntry e : entries) {
            Map<String, Ty> inner = new HashMap<>(vars);
            for (Expression label : e.getLabels()) {
                if (!(label instanceof NameExpr n)) {
                    value(label, inner);
                } else if (selector.raw() != null && selector.raw().isEnum() && isMisspelt(selector.raw(), n.getNameAsString(), false)) {
                    // enum constants are names of the selector's type
                    refuse(label, doesNotExist(typeName(selector) + "." + n, n.getNameAsString(), Types.staticFieldNames(selector.raw())));
                }
            }
            for (Statement st : e.getStatements()) {
                statement(st, inner);
            }
        }
    }

    private void declare(VariableDeclarationExpr v, Map<String, Ty> vars) {
        for (VariableDeclarator d : v.getVariables()) {
            Ty declaredType = d.getType() instanceof VarType ? null : typeOf(d.getType());
            Ty init = d.getInitializer().map(e -> value(e, vars)).orElse(Ty.UNKNOWN);
            vars.put(d.getNameAsString(), declaredType != null ? declaredType : init);
        }
    }

    // ---- types ------------------------------------------------------------------------------------------------

    /** A type written in the code (variable, cast, instanceof, parameter): allowed or refused; its value type. */
    Ty typeOf(Type t) {
        if (t instanceof PrimitiveType p) {
            return Ty.value(primitive(p.getType().asString()));
        }
        if (t instanceof VoidType || t instanceof VarType) {
            return Ty.UNKNOWN;
        }
        if (t instanceof ArrayType a) {
            Ty c = typeOf(a.getComponentType());
            return c.raw() == null ? Ty.UNKNOWN : Ty.value(c.raw().arrayType());
        }
        if (t instanceof ClassOrInterfaceType c) {
            c.getTypeArguments().ifPresent(args -> args.forEach(this::typeOf));
            String name = c.getNameWithScope();
            Optional<Ty> r = types.dotted(name, scope);
            if (r.isEmpty()) {
                refuse(t, notAllowed("type " + name) + ": it is not a known type (imports: the project's fact packages "
                    + AllowList.PROJECT_PACKAGES + " and the value types of docs/rule-policy.md)");
                return Ty.REFUSED;
            }
            Ty ty = r.get();
            if (ty.kind() == Kind.DECLARED_TYPE) {
                return Ty.declaredValue(ty.name());
            }
            if (!AllowList.allowedType(ty.raw())) {
                refuse(t, notAllowed("type " + name) + ": " + ty.raw().getName() + " is not a type rules may use (docs/rule-policy.md)");
            }
            return Ty.value(ty.raw());
        }
        refuse(t, notAllowed("type " + t));
        return Ty.REFUSED;
    }

    static Class<?> primitive(String name) {
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "boolean" -> boolean.class;
            case "char" -> char.class;
            case "short" -> short.class;
            case "byte" -> byte.class;
            default -> void.class;
        };
    }

    // ---- expressions ------------------------------------------------------------------------------------------

    /** An expression used as a value: {@code kcontext}, a type name or an unresolved name is refused here. */
    Ty value(Expression e, Map<String, Ty> vars) {
        Ty t = eval(e, vars);
        if (t.kind() == Kind.REFUSED) {
            return Ty.UNKNOWN;
        }
        if (t.kind() == Kind.KCONTEXT) {
            refuse(e, notAllowed(e + " used as a value") + ": kcontext and drools may only be passed to the project's "
                + "calls, e.g. Candidate.of(kcontext, ...) or criteria.add(kcontext, ...)");
            return Ty.REFUSED;
        }
        if (t.kind() == Kind.PACKAGE) {
            if (e instanceof NameExpr n && self != null && !n.getNameAsString().startsWith("$")) {
                Optional<Set<String>> fields = fieldsWithout(self, n.getNameAsString());
                if (fields.isPresent()) {
                    refuse(e, noSuch(self, "field", n.getNameAsString(), fields.get()));
                    return Ty.REFUSED;
                }
            }
            refuse(e, notAllowed("name " + e) + ": it is not a variable, a field of the matched fact or a known type");
            return Ty.REFUSED;
        }
        return t;
    }

    private Ty eval(Expression e, Map<String, Ty> vars) {
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return Ty.value(String.class);
        }
        if (e instanceof IntegerLiteralExpr) {
            return Ty.value(int.class);
        }
        if (e instanceof LongLiteralExpr) {
            return Ty.value(long.class);
        }
        if (e instanceof DoubleLiteralExpr) {
            return Ty.value(double.class);
        }
        if (e instanceof BooleanLiteralExpr) {
            return Ty.value(boolean.class);
        }
        if (e instanceof CharLiteralExpr) {
            return Ty.value(char.class);
        }
        if (e instanceof NullLiteralExpr) {
            return Ty.NULL;
        }
        if (e instanceof EnclosedExpr p) {
            return value(p.getInner(), vars);
        }
        if (e instanceof NameExpr n) {
            return name(n.getNameAsString(), vars);
        }
        if (e instanceof ThisExpr t) {
            if (self == null || t.getTypeName().isPresent()) {
                refuse(e, notAllowed("this"));
                return Ty.REFUSED;
            }
            return self;
        }
        if (e instanceof FieldAccessExpr f) {
            return field(f, vars);
        }
        if (e instanceof MethodCallExpr m) {
            return call(m, vars);
        }
        if (e instanceof ObjectCreationExpr o) {
            return create(o, vars);
        }
        if (e instanceof BinaryExpr b) {
            Ty l = value(b.getLeft(), vars);
            Ty r = value(b.getRight(), vars);
            return switch (b.getOperator()) {
                case PLUS -> l.isString() || r.isString() ? Ty.value(String.class) : numeric(l, r);
                case MINUS, MULTIPLY, DIVIDE, REMAINDER, BINARY_AND, BINARY_OR, XOR, LEFT_SHIFT, SIGNED_RIGHT_SHIFT,
                    UNSIGNED_RIGHT_SHIFT -> numeric(l, r);
                default -> Ty.value(boolean.class);
            };
        }
        if (e instanceof UnaryExpr u) {
            if (u.getOperator().isPrefix() && u.getOperator() != UnaryExpr.Operator.PREFIX_INCREMENT
                && u.getOperator() != UnaryExpr.Operator.PREFIX_DECREMENT) {
                return value(u.getExpression(), vars);
            }
            assignTarget(u.getExpression(), vars);
            return value(u.getExpression(), vars);
        }
        if (e instanceof AssignExpr a) {
            assignTarget(a.getTarget(), vars);
            return value(a.getValue(), vars);
        }
        if (e instanceof ConditionalExpr c) {
            value(c.getCondition(), vars);
            Ty a = value(c.getThenExpr(), vars);
            Ty b = value(c.getElseExpr(), vars);
            return a.kind() == Kind.NULL ? b : a;
        }
        if (e instanceof CastExpr c) {
            Ty to = typeOf(c.getType());
            value(c.getExpression(), vars);
            return to;
        }
        if (e instanceof InstanceOfExpr i) {
            value(i.getExpression(), vars);
            Ty t = typeOf(i.getType());
            i.getPattern().ifPresent(p -> p.findAll(TypePatternExpr.class)
                .forEach(tp -> vars.put(tp.getNameAsString(), t)));
            return Ty.value(boolean.class);
        }
        if (e instanceof ArrayAccessExpr a) {
            Ty arr = value(a.getName(), vars);
            value(a.getIndex(), vars);
            return arr.raw() != null && arr.raw().isArray() ? Ty.value(arr.raw().getComponentType()) : Ty.UNKNOWN;
        }
        if (e instanceof ArrayCreationExpr a && a.getLevels().stream().allMatch(l -> l.getDimension().isEmpty())
            && a.getInitializer().isPresent()) {
            // new Therapy[] { ... }: as long as the rule text, never sized by a computed value
            Ty element = typeOf(a.getElementType());
            value(a.getInitializer().get(), vars);
            return element.raw() == null ? Ty.UNKNOWN : Ty.value(element.raw().arrayType());
        }
        if (e instanceof ArrayInitializerExpr init) {
            init.getValues().forEach(v -> value(v, vars));
            return Ty.UNKNOWN;
        }
        if (e instanceof SwitchExpr s) {
            entries(s.getEntries(), vars, value(s.getSelector(), vars));
            return Ty.UNKNOWN;
        }
        String kind = e.getClass().getSimpleName().replace("Expr", "");
        refuse(e, notAllowed(describeKind(kind) + " (" + shorten(e.toString()) + ")"));
        return Ty.REFUSED;
    }

    private static String describeKind(String kind) {
        return switch (kind) {
            case "Lambda" -> "a lambda expression";
            case "MethodReference" -> "a method reference";
            case "ArrayCreation" -> "an array created with a computed size";
            case "Class" -> "a class literal";
            case "Super" -> "super";
            default -> "this kind of expression: " + kind;
        };
    }

    private static Ty numeric(Ty l, Ty r) {
        for (Class<?> c : List.of(double.class, float.class, long.class)) {
            if (unboxed(l) == c || unboxed(r) == c) {
                return Ty.value(c);
            }
        }
        return Ty.value(int.class);
    }

    private static Class<?> unboxed(Ty t) {
        if (t.raw() == null) {
            return null;
        }
        return t.raw() == Double.class ? double.class : t.raw() == Float.class ? float.class
            : t.raw() == Long.class ? long.class : t.raw();
    }

    /** The target of an assignment or ++/--: only a local variable of the rule code, never a field. */
    private void assignTarget(Expression target, Map<String, Ty> vars) {
        if (target instanceof NameExpr n && vars.containsKey(n.getNameAsString()) && !n.getNameAsString().startsWith("$")) {
            return;
        }
        refuse(target, notAllowed("assigning to " + shorten(target.toString()))
            + ": rules may assign only their own local variables, never a field or a fact");
    }

    private Ty name(String n, Map<String, Ty> vars) {
        Ty v = vars.get(n);
        if (v != null) {
            return v;
        }
        if (consequence && (n.equals("kcontext") || n.equals("drools"))) {
            return Ty.KCONTEXT;
        }
        // A capitalised name is a type when one is in scope (ChildPugh.A), as Drools reads it; else a property.
        Optional<Ty> type = Character.isUpperCase(n.charAt(0)) ? types.simple(n, scope) : Optional.empty();
        if (type.isPresent()) {
            return type.get();
        }
        if (self != null) {
            Optional<Ty> p = property(self, n);
            if (p.isPresent()) {
                return p.get();
            }
        }
        Ty g = globals.get(n);
        if (g != null) {
            return g;
        }
        return types.simple(n, scope).orElse(Ty.pkg(n));
    }

    private Optional<Ty> property(Ty owner, String n) {
        if (owner.kind() == Kind.DECLARED_VALUE) {
            Types.Declared d = types.declared.get(owner.name());
            if (d != null && d.fields().containsKey(n)) {
                return Optional.of(declaredField(d, n));
            }
            return Optional.empty();
        }
        Optional<Ty> project = Types.property(owner, n);
        if (project.isPresent() || owner.raw() == null || AllowList.isProject(owner.raw())) {
            return project;
        }
        // a value type's property, e.g. Number( intValue > 0 ): only through a method on the allow-list
        String cap = Character.toUpperCase(n.charAt(0)) + n.substring(1);
        for (String getter : List.of("get" + cap, "is" + cap, n)) {
            if (!AllowList.ANY_VALUE_METHODS.contains(getter) && AllowList.allowedInstanceMethod(owner.raw(), getter, 0)) {
                Ty t = returnType(owner.raw(), getter, 0, false, owner);
                if (t.kind() != Kind.UNKNOWN) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    private Ty declaredField(Types.Declared d, String field) {
        String typeName = d.fields().get(field);
        if (types.declared.containsKey(typeName)) {
            return Ty.declaredValue(typeName);
        }
        Class<?> p = primitive(typeName);
        if (p != void.class) {
            return Ty.value(p);
        }
        return types.dotted(typeName.replaceAll("<.*>", ""), d.scope()).filter(t -> t.kind() == Kind.TYPE)
            .map(t -> Ty.value(t.raw())).orElse(Ty.UNKNOWN);
    }

    private Ty field(FieldAccessExpr f, Map<String, Ty> vars) {
        Ty s = eval(f.getScope(), vars);
        String n = f.getNameAsString();
        switch (s.kind()) {
            case REFUSED -> {
                return Ty.REFUSED;
            }
            case PACKAGE -> {
                String dotted = s.name() + "." + n;
                return types.classNamed(dotted).map(Ty::type).orElse(Ty.pkg(dotted));
            }
            case TYPE -> {
                Optional<Class<?>> nested = types.nested(s.raw(), n);
                if (nested.isPresent()) {
                    return Ty.type(nested.get());
                }
                if (!AllowList.allowedStaticField(s.raw(), n)) {
                    refuse(f, isMisspelt(s.raw(), n, false) ? doesNotExist(shorten(f.toString()), n, Types.staticFieldNames(s.raw()))
                        : notAllowed(shorten(f.toString())) + reason(s.raw()));
                    return Ty.REFUSED;
                }
                try {
                    return Types.fromReflect(s.raw().getField(n).getGenericType(), null);
                } catch (NoSuchFieldException e) {
                    return Ty.UNKNOWN;
                }
            }
            case VALUE, DECLARED_VALUE -> {
                if (s.raw() != null && s.raw().isArray() && n.equals("length")) {
                    return Ty.value(int.class);
                }
                Optional<Ty> p = property(s, n);
                if (p.isPresent()) {
                    return p.get();
                }
                Optional<Set<String>> fields = fieldsWithout(s, n);
                refuse(f, fields.isPresent() ? noSuch(s, "field", n, fields.get())
                    : notAllowed(shorten(f.toString())) + ": " + n + " is not a field of " + typeName(s));
                return Ty.REFUSED;
            }
            case KCONTEXT -> {
                refuse(f, notAllowed(shorten(f.toString())) + kcontextReason());
                return Ty.REFUSED;
            }
            default -> {
                refuse(f, notAllowed(shorten(f.toString())) + ": the type of " + shorten(f.getScope().toString())
                    + " is not known to the rule policy");
                return Ty.REFUSED;
            }
        }
    }

    private Ty call(MethodCallExpr m, Map<String, Ty> vars) {
        String n = m.getNameAsString();
        int arity = m.getArguments().size();
        String shown = (m.getScope().map(s -> shorten(s.toString()) + ".").orElse("")) + n + "(...)";
        if (m.getScope().isEmpty()) {
            if (self != null) {
                if (self.kind() == Kind.VALUE && self.raw() != null && AllowList.isProject(self.raw())) {
                    Method found = AllowList.projectMethod(self.raw(), n, arity, false);
                    if (found != null) {
                        arguments(m, vars, true);
                        return Types.fromReflect(found.getGenericReturnType(), self);
                    }
                }
            }
            Types.Function fn = types.functions.get(n);
            if (fn != null) {
                calledFunctions.add(n);
                arguments(m, vars, false);
                return fn.returnType() == null ? Ty.UNKNOWN : declaredTypeName(fn.returnType(), fn.scope());
            }
            String imported = scope.functionImports().get(n);
            if (imported != null) {
                Optional<Class<?>> c = types.classNamed(imported);
                if (c.isPresent() && AllowList.allowedStaticMethod(c.get(), n, arity)) {
                    arguments(m, vars, AllowList.isProject(c.get()));
                    Method found = AllowList.projectMethod(c.get(), n, arity, true);
                    return found == null ? Ty.UNKNOWN : Types.fromReflect(found.getGenericReturnType(), null);
                }
            }
            if (consequence && n.equals("insert")) {
                arguments(m, vars, false);
                return Ty.UNKNOWN;
            }
            arguments(m, vars, false);
            if (consequence && (WRITES.contains(n) || n.equals("insertLogical"))) {
                refuse(m, notAllowed(shown) + (n.equals("insertLogical") ? ": rules insert facts with insert(...)"
                    : ": rules must not change facts; insert a derived fact instead"));
            } else if (self != null && self.kind() == Kind.VALUE && self.raw() != null && isMisspelt(self.raw(), n, true)) {
                Set<String> known = new TreeSet<>(Types.methodNames(self.raw(), false));
                known.addAll(types.functions.keySet());
                refuse(m, noSuch(self, "method", n, known));
            } else {
                refuse(m, notAllowed(shown) + ": it is not a method of the matched fact, a function of the rule folder or a project call");
            }
            return Ty.REFUSED;
        }
        Expression scopeExpr = m.getScope().get();
        Ty s = eval(scopeExpr, vars);
        switch (s.kind()) {
            case REFUSED -> {
                arguments(m, vars, false);
                return Ty.REFUSED;
            }
            case KCONTEXT -> {
                arguments(m, vars, false);
                refuse(m, notAllowed(shown) + kcontextReason());
                return Ty.REFUSED;
            }
            case TYPE, VALUE -> { // a static call on a type, or a call on a value of an inferred type
                Class<?> c = s.raw();
                boolean isStatic = s.kind() == Kind.TYPE;
                if (!(isStatic ? AllowList.allowedStaticMethod(c, n, arity) : AllowList.allowedInstanceMethod(c, n, arity))) {
                    arguments(m, vars, false);
                    refuse(m, !isMisspelt(c, n, true) ? notAllowed(shown) + reason(c)
                        : isStatic ? doesNotExist(shown, n, Types.methodNames(c, true)) : noSuch(s, "method", n, Types.methodNames(c, false)));
                    return Ty.REFUSED;
                }
                arguments(m, vars, AllowList.isProject(c));
                return returnType(c, n, arity, isStatic, isStatic ? null : s);
            }
            case DECLARED_VALUE -> {
                arguments(m, vars, false);
                Types.Declared d = types.declared.get(s.name());
                String field = Types.getterField(n);
                if (arity == 0 && d != null && field != null && d.fields().containsKey(field)) {
                    return declaredField(d, field);
                }
                if (AllowList.ANY_VALUE_METHODS.contains(n)) {
                    return Ty.UNKNOWN;
                }
                refuse(m, notAllowed(shown) + ": a type declared in the rule folder offers its getters, equals, hashCode and "
                    + "toString only (facts are immutable)");
                return Ty.REFUSED;
            }
            case NULL, UNKNOWN -> {
                arguments(m, vars, false);
                if (!AllowList.ANY_VALUE_METHODS.contains(n)) {
                    refuse(m, notAllowed(shown) + ": the type of " + shorten(scopeExpr.toString())
                        + " is not known to the rule policy (declare the variable with its type)");
                }
                return Ty.REFUSED;
            }
            default -> { // PACKAGE (an unresolved name) or a declared type's static call
                arguments(m, vars, false);
                refuse(m, notAllowed(shown) + ": " + shorten(scopeExpr.toString()) + " is not a variable or a type rules may use");
                return Ty.REFUSED;
            }
        }
    }

    private Ty declaredTypeName(String typeName, Types.FileScope in) {
        if (types.declared.containsKey(typeName)) {
            return Ty.declaredValue(typeName);
        }
        Class<?> p = primitive(typeName);
        if (p != void.class) {
            return Ty.value(p);
        }
        return types.dotted(typeName.replaceAll("<.*>", ""), in).filter(t -> t.kind() == Kind.TYPE)
            .map(t -> Ty.value(t.raw())).orElse(Ty.UNKNOWN);
    }

    private static Ty returnType(Class<?> c, String name, int arity, boolean isStatic, Ty receiver) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) == isStatic
                && AllowList.accepts(m.getParameterCount(), m.isVarArgs(), arity)) {
                return Types.fromReflect(m.getGenericReturnType(), receiver);
            }
        }
        return Ty.UNKNOWN;
    }

    private Ty create(ObjectCreationExpr o, Map<String, Ty> vars) {
        if (o.getAnonymousClassBody().isPresent()) {
            arguments(o.getArguments(), vars, false);
            refuse(o, notAllowed("an anonymous class (new " + o.getType().getNameWithScope() + "() {...})"));
            return Ty.REFUSED;
        }
        String name = o.getType().getNameWithScope();
        Optional<Ty> t = types.dotted(name, scope);
        if (t.isPresent() && t.get().kind() == Kind.DECLARED_TYPE) {
            arguments(o.getArguments(), vars, false);
            return Ty.declaredValue(t.get().name());
        }
        if (t.isPresent() && t.get().kind() == Kind.TYPE && AllowList.isProject(t.get().raw())) {
            int arity = o.getArguments().size();
            boolean ok = false;
            for (Constructor<?> c : t.get().raw().getConstructors()) {
                ok |= AllowList.accepts(c.getParameterCount(), c.isVarArgs(), arity);
            }
            arguments(o.getArguments(), vars, true);
            if (!ok) {
                refuse(o, notAllowed("new " + name + "(...)") + ": " + name + " has no public constructor taking " + arity + " arguments");
            }
            return Ty.value(t.get().raw());
        }
        arguments(o.getArguments(), vars, false);
        refuse(o, notAllowed("new " + name + "(...)") + (t.isPresent() && t.get().raw() != null ? reason(t.get().raw())
            : ": rules create only the project's facts and the rule folder's declared types"));
        return Ty.REFUSED;
    }

    private void arguments(MethodCallExpr m, Map<String, Ty> vars, boolean projectCall) {
        arguments(m.getArguments(), vars, projectCall);
    }

    /** Arguments are values; {@code kcontext} may be passed only to the project's own calls. */
    private void arguments(NodeList<Expression> args, Map<String, Ty> vars, boolean projectCall) {
        for (Expression a : args) {
            if (projectCall && a instanceof NameExpr n && name(n.getNameAsString(), vars).kind() == Kind.KCONTEXT) {
                continue;
            }
            value(a, vars);
        }
    }

    private String kcontextReason() {
        return ": kcontext and drools may only be passed to the project's calls, e.g. Candidate.of(kcontext, ...), "
            + "criteria.add(kcontext, ...); the session behind them is the engine's";
    }

    /*
     * A project type that has no member of the name at all (allowed or not): a misspelling, not a policy matter. Said
     * as such, with the name probably meant (one did-you-mean for the project: DidYouMean).
     */

    private static boolean isMisspelt(Class<?> c, String name, boolean method) {
        return AllowList.isProject(c) && !c.isArray()
            && !(method ? Types.hasMethod(c, name) : hasField(c, name));
    }

    private static boolean hasField(Class<?> c, String name) {
        try {
            c.getField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** The fields of {@code owner} (a project or declared fact) when it has nothing called {@code name}, else empty. */
    private Optional<Set<String>> fieldsWithout(Ty owner, String name) {
        if (owner.kind() == Kind.DECLARED_VALUE) {
            Types.Declared d = types.declared.get(owner.name());
            return d == null || d.fields().containsKey(name) ? Optional.empty() : Optional.of(d.fields().keySet());
        }
        Class<?> c = owner.raw();
        if (owner.kind() != Kind.VALUE || c == null || !AllowList.isProject(c) || c.isArray() || Types.hasProperty(c, name)) {
            return Optional.empty();
        }
        return Optional.of(Types.propertyNames(c));
    }

    /** {@code CriterionCode.LOW_PROLIFERATON does not exist (did you mean LOW_PROLIFERATION?)}. */
    private static String doesNotExist(String shown, String name, Set<String> known) {
        return shown + " does not exist" + DidYouMean.hint(name, known);
    }

    /** {@code PatientCase has no field ki67Precent (did you mean ki67Percent?)}. */
    private static String noSuch(Ty owner, String member, String name, Set<String> known) {
        return typeName(owner) + " has no " + member + " " + name + DidYouMean.hint(name, known);
    }

    private static String reason(Class<?> c) {
        if (!AllowList.allowedType(c)) {
            return ": " + c.getName().replace('$', '.') + " is not a type rules may use (docs/rule-policy.md)";
        }
        return ": it is not on the rule allow-list for " + c.getSimpleName() + " (docs/rule-policy.md)";
    }

    private static String typeName(Ty t) {
        return t.raw() != null ? t.raw().getSimpleName() : t.name() != null ? t.name() : "a value of unknown type";
    }

    static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }
}
