package org.netlm.catalog;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rule may use (docs/rule-policy.md): every public constructor, method and field of the project's fact
 * packages ({@link #PROJECT_PACKAGES}), and a short list of JDK value types, each with the methods and constants a
 * rule may use. Everything else is refused. Pure data plus lookups; no class is initialised by a lookup.
 */
final class AllowList {
    /**
     * The project's rule-facing packages (exactly these, not their sub-packages: the explanation records of
     * {@code org.netlm.model.explanation} are not for rules): the public input and result types, and the rule facts with
     * the DRL helper functions. Rules use all of their public members.
     */
    static final List<String> PROJECT_PACKAGES = List.of("org.netlm.model", "org.netlm.model.fact");

    /** Methods of {@link Object} (and {@link Enum}, records) that any value may call. */
    static final Set<String> ANY_VALUE_METHODS = Set.of("equals", "hashCode", "toString", "compareTo", "name", "ordinal");

    private static final Set<String> NUMBER_VALUE = Set.of("intValue", "longValue", "doubleValue", "floatValue",
        "shortValue", "byteValue", "isNaN", "isInfinite");
    private static final Set<String> BOX_STATIC = Set.of("valueOf", "compare", "min", "max", "sum", "toString", "isNaN",
        "isFinite", "isInfinite", "parseInt", "parseLong", "parseDouble", "parseFloat", "parseBoolean", "signum", "abs");
    private static final Set<String> BOX_FIELDS = Set.of("MAX_VALUE", "MIN_VALUE", "NaN", "POSITIVE_INFINITY",
        "NEGATIVE_INFINITY", "TRUE", "FALSE");
    private static final Set<String> MATH_STATIC = Set.of("abs", "max", "min", "round", "floor", "ceil", "signum", "sqrt",
        "cbrt", "pow", "exp", "log", "log10", "hypot", "floorDiv", "floorMod", "rint", "toIntExact", "addExact",
        "subtractExact", "multiplyExact", "negateExact");
    private static final Set<String> COLLECTION_READ = Set.of("size", "isEmpty", "contains", "containsAll", "get",
        "indexOf", "lastIndexOf", "containsKey", "containsValue", "getOrDefault", "keySet", "values", "entrySet",
        "getKey", "getValue");

    /** A JDK type a rule may use: instance methods, static methods, static fields (all by name). */
    record JdkType(Set<String> instanceMethods, Set<String> staticMethods, Set<String> staticFields) {
    }

    private static final Map<Class<?>, JdkType> JDK = new HashMap<>();

    static {
        // String: reading and building text; no regex (matches, replaceAll, split: a pattern can backtrack for hours),
        // no repeat or format (unbounded output from one call).
        JDK.put(String.class, new JdkType(Set.of("length", "isEmpty", "isBlank", "charAt", "contains", "startsWith",
            "endsWith", "equalsIgnoreCase", "compareToIgnoreCase", "indexOf", "lastIndexOf", "substring", "toLowerCase",
            "toUpperCase", "trim", "strip", "stripLeading", "stripTrailing", "concat"), Set.of("valueOf", "join"), Set.of()));
        JDK.put(CharSequence.class, new JdkType(Set.of("length", "charAt", "isEmpty"), Set.of(), Set.of()));
        // Boxed values; not Integer.getInteger, Long.getLong, Boolean.getBoolean (they read system properties).
        for (Class<?> box : List.of(Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class)) {
            JDK.put(box, new JdkType(NUMBER_VALUE, BOX_STATIC, BOX_FIELDS));
        }
        JDK.put(Number.class, new JdkType(NUMBER_VALUE, Set.of(), Set.of()));
        JDK.put(Boolean.class, new JdkType(Set.of("booleanValue"), Set.of("valueOf", "parseBoolean", "compare",
            "logicalAnd", "logicalOr", "logicalXor", "toString"), Set.of("TRUE", "FALSE")));
        JDK.put(Character.class, new JdkType(Set.of("charValue"), Set.of("valueOf", "isDigit", "isLetter",
            "isWhitespace", "toUpperCase", "toLowerCase", "compare"), Set.of()));
        JDK.put(Math.class, new JdkType(Set.of(), MATH_STATIC, Set.of("PI", "E")));
        JDK.put(StrictMath.class, new JdkType(Set.of(), MATH_STATIC, Set.of("PI", "E")));
        JDK.put(java.util.Objects.class, new JdkType(Set.of(), Set.of("equals", "isNull", "nonNull", "hash", "hashCode",
            "toString", "requireNonNullElse"), Set.of()));
        // Collections: reading only, and the immutable factories.
        JDK.put(Iterable.class, new JdkType(Set.of(), Set.of(), Set.of()));
        JDK.put(java.util.Collection.class, new JdkType(COLLECTION_READ, Set.of(), Set.of()));
        JDK.put(List.class, new JdkType(COLLECTION_READ, Set.of("of", "copyOf"), Set.of()));
        JDK.put(Set.class, new JdkType(COLLECTION_READ, Set.of("of", "copyOf"), Set.of()));
        JDK.put(Map.class, new JdkType(COLLECTION_READ, Set.of("of", "copyOf", "entry"), Set.of()));
        JDK.put(Map.Entry.class, new JdkType(COLLECTION_READ, Set.of(), Set.of()));
        JDK.put(EnumSet.class, new JdkType(COLLECTION_READ, Set.of("of", "range", "copyOf"), Set.of()));
        JDK.put(java.util.Optional.class, new JdkType(Set.of("isPresent", "isEmpty", "get", "orElse"),
            Set.of("of", "ofNullable", "empty"), Set.of()));
        JDK.put(Comparable.class, new JdkType(Set.of(), Set.of(), Set.of()));
    }

    private AllowList() {
    }

    static boolean isProject(Class<?> c) {
        Class<?> top = c;
        while (top.isArray()) {
            top = top.getComponentType();
        }
        if (top.isPrimitive()) {
            return false;
        }
        return isProjectPackage(top.getPackageName());
    }

    /** Whether {@code qualifiedName} (a type, or a type's member: {@code org.netlm.model.fact.Tri.met}) is in a project package. */
    static boolean isProjectName(String qualifiedName) {
        int end = 0;
        for (String part : qualifiedName.split("\\.", -1)) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                return end > 0 && isProjectPackage(qualifiedName.substring(0, end - 1));
            }
            end += part.length() + 1;
        }
        return false;
    }

    static boolean isProjectPackage(String pkg) {
        return PROJECT_PACKAGES.contains(pkg);
    }

    /** The JDK entry of {@code c}, or {@code null} when {@code c} is not on the JDK allow-list. */
    static JdkType jdk(Class<?> c) {
        return JDK.get(c);
    }

    /** Whether values of {@code c} may appear in a rule (types of variables, casts, patterns, parameters). */
    static boolean allowedType(Class<?> c) {
        if (c.isPrimitive()) {
            return true;
        }
        if (c.isArray()) {
            return allowedType(c.getComponentType());
        }
        return isProject(c) || JDK.containsKey(c) || c == Object.class;
    }

    /** Whether an instance method {@code name} may be called on a value of {@code c}. */
    static boolean allowedInstanceMethod(Class<?> c, String name, int arity) {
        if (ANY_VALUE_METHODS.contains(name)) {
            return true;
        }
        if (isProject(c)) {
            return projectMethod(c, name, arity, false) != null;
        }
        for (Class<?> t : supertypes(c)) {
            JdkType j = JDK.get(t);
            if (j != null && j.instanceMethods().contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the static method {@code name} of {@code c} may be called. */
    static boolean allowedStaticMethod(Class<?> c, String name, int arity) {
        if (isProject(c)) {
            return projectMethod(c, name, arity, true) != null;
        }
        JdkType j = JDK.get(c);
        return j != null && j.staticMethods().contains(name);
    }

    /** Whether the static field {@code name} of {@code c} may be read. */
    static boolean allowedStaticField(Class<?> c, String name) {
        if (isProject(c)) {
            try {
                var f = c.getField(name);
                return Modifier.isStatic(f.getModifiers()) && isProject(f.getDeclaringClass());
            } catch (NoSuchFieldException e) {
                return false;
            }
        }
        JdkType j = JDK.get(c);
        return j != null && j.staticFields().contains(name);
    }

    /**
     * A public method {@code name} declared by a project type (so not {@code getClass}, {@code wait}, or
     * {@code Enum.getDeclaringClass}) taking {@code arity} arguments (varargs counted), or {@code null}.
     */
    static Method projectMethod(Class<?> c, String name, int arity, boolean isStatic) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers()) == isStatic
                && (isProject(m.getDeclaringClass()) || ANY_VALUE_METHODS.contains(name)) && accepts(m.getParameterCount(), m.isVarArgs(), arity)) {
                return m;
            }
        }
        return null;
    }

    static boolean accepts(int params, boolean varArgs, int arity) {
        return params == arity || (varArgs && arity >= params - 1);
    }

    /** {@code c} and every class and interface above it, nearest first. */
    static List<Class<?>> supertypes(Class<?> c) {
        List<Class<?>> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>();
        todo.add(c);
        while (!todo.isEmpty()) {
            Class<?> t = todo.poll();
            if (t == null || out.contains(t)) {
                continue;
            }
            out.add(t);
            if (t.getSuperclass() != null) {
                todo.add(t.getSuperclass());
            }
            todo.addAll(List.of(t.getInterfaces()));
        }
        return out;
    }

    /** The JDK types on the allow-list, for the policy document and messages. */
    static Set<Class<?>> jdkTypes() {
        return JDK.keySet();
    }
}
