package org.netlm.catalog;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Name resolution for one rule folder: DRL imports, the folder's declared types and functions, java.lang, and the
 * class path (classes are looked up without being initialised). Also the small type model the policy checker infers
 * for expressions ({@link Ty}).
 */
final class Types {

    /** What an expression denotes, as far as the checker needs to know. */
    enum Kind { VALUE, TYPE, DECLARED_VALUE, DECLARED_TYPE, KCONTEXT, NULL, UNKNOWN, PACKAGE,
        /** Already refused: what is built on it is not reported again (one message per offending expression). */
        REFUSED }

    /**
     * @param raw      the class of a VALUE or TYPE
     * @param generic  the generic type of a VALUE (for element types), else {@code raw}
     * @param name     the declared type's name (DECLARED_*), or the dotted prefix of a PACKAGE
     */
    record Ty(Kind kind, Class<?> raw, Type generic, String name) {
        static final Ty UNKNOWN = new Ty(Kind.UNKNOWN, null, null, null);
        static final Ty NULL = new Ty(Kind.NULL, null, null, null);
        static final Ty REFUSED = new Ty(Kind.REFUSED, null, null, null);
        static final Ty KCONTEXT = new Ty(Kind.KCONTEXT, null, null, "kcontext");

        static Ty value(Class<?> c) {
            return new Ty(Kind.VALUE, c, c, null);
        }

        static Ty type(Class<?> c) {
            return new Ty(Kind.TYPE, c, c, null);
        }

        static Ty pkg(String prefix) {
            return new Ty(Kind.PACKAGE, null, null, prefix);
        }

        static Ty declaredValue(String name) {
            return new Ty(Kind.DECLARED_VALUE, null, null, name);
        }

        static Ty declaredType(String name) {
            return new Ty(Kind.DECLARED_TYPE, null, null, name);
        }

        boolean isValue() {
            return kind == Kind.VALUE || kind == Kind.DECLARED_VALUE || kind == Kind.NULL || kind == Kind.UNKNOWN;
        }

        boolean isString() {
            return kind == Kind.VALUE && raw == String.class;
        }
    }

    /** A type declared in the folder ({@code declare Tick n : int end}): its fields, in order, by type name. */
    record Declared(String name, LinkedHashMap<String, String> fields, FileScope scope) {
    }

    /** A function declared in the folder. */
    record Function(String name, String returnType, FileScope scope) {
    }

    /** The imports of one DRL file. */
    record FileScope(String pkg, Map<String, String> singleImports, List<String> wildcardImports, Map<String, String> functionImports) {
    }

    /** Class look-ups of the policy's class loader (the class path does not change while it runs): shared, cheap. */
    private static final Map<String, Optional<Class<?>>> CLASSES = new java.util.concurrent.ConcurrentHashMap<>();
    private final ClassLoader loader;
    final Map<String, Declared> declared = new HashMap<>();
    final Map<String, Function> functions = new HashMap<>();

    Types(ClassLoader loader) {
        this.loader = loader;
    }

    /** The class named {@code dotted} (nested classes with dots too: {@code org.netlm.model.fact.StrengthLimit.Kind}). */
    Optional<Class<?>> classNamed(String dotted) {
        if (loader != Types.class.getClassLoader()) {
            return load(dotted);
        }
        Optional<Class<?>> known = CLASSES.get(dotted);
        if (known == null) {
            known = load(dotted);
            if (CLASSES.size() < 10_000) { // names come from rule files: bounded
                CLASSES.put(dotted, known);
            }
        }
        return known;
    }

    private Optional<Class<?>> load(String dotted) {
        String name = dotted;
        while (true) {
            try {
                return Optional.of(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) {
                    return Optional.empty();
                }
                name = name.substring(0, dot) + "$" + name.substring(dot + 1);
                if (name.indexOf('.') < 0) {
                    return Optional.empty();
                }
            }
        }
    }

    /** A simple type name as Java and DRL resolve it in {@code scope}: declared, imported, java.lang, wildcard. */
    Optional<Ty> simple(String name, FileScope scope) {
        if (declared.containsKey(name)) {
            return Optional.of(Ty.declaredType(name));
        }
        String single = scope.singleImports().get(name);
        if (single != null) {
            return classNamed(single).map(Ty::type);
        }
        if (!name.isEmpty() && Character.isUpperCase(name.charAt(0))) {
            // as in Java (and Drools), a class of the file's own package hides java.lang and wildcard imports
            Optional<Class<?>> own = scope.pkg().isEmpty() ? Optional.empty() : classNamed(scope.pkg() + "." + name);
            if (own.isPresent()) {
                return own.map(Ty::type);
            }
            Optional<Class<?>> lang = classNamed("java.lang." + name);
            if (lang.isPresent()) {
                return lang.map(Ty::type);
            }
            for (String w : scope.wildcardImports()) {
                Optional<Class<?>> c = classNamed(w + "." + name);
                if (c.isPresent()) {
                    return c.map(Ty::type);
                }
            }
        }
        return Optional.empty();
    }

    /** A dotted type name ({@code Map.Entry}, {@code java.net.Socket}, {@code StrengthLimit.Kind}), or empty. */
    Optional<Ty> dotted(String name, FileScope scope) {
        String[] parts = name.split("\\.");
        Optional<Ty> first = simple(parts[0], scope);
        if (first.isPresent()) {
            Ty t = first.get();
            for (int i = 1; i < parts.length && t != null; i++) {
                t = t.kind() == Kind.TYPE ? nested(t.raw(), parts[i]).map(Ty::type).orElse(null) : null;
            }
            return Optional.ofNullable(t);
        }
        return classNamed(name).map(Ty::type);
    }

    Optional<Class<?>> nested(Class<?> outer, String name) {
        return classNamed(outer.getName().replace('$', '.') + "." + name);
    }

    /** The type of a value of generic type {@code t}, read from a member of {@code receiver} (for type variables). */
    static Ty fromReflect(Type t, Ty receiver) {
        if (t instanceof Class<?> c) {
            return new Ty(Kind.VALUE, c, c, null);
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            return new Ty(Kind.VALUE, raw, p, null);
        }
        if (t instanceof TypeVariable<?> v) {
            if (receiver != null && receiver.generic() instanceof ParameterizedType rp && rp.getRawType() instanceof Class<?> rc) {
                TypeVariable<?>[] params = rc.getTypeParameters();
                for (int i = 0; i < params.length; i++) {
                    if (params[i].getName().equals(v.getName())) {
                        return fromReflect(rp.getActualTypeArguments()[i], null);
                    }
                }
            }
            Type[] bounds = v.getBounds();
            return bounds.length > 0 && bounds[0] instanceof Class<?> b && b != Object.class ? Ty.value(b) : Ty.UNKNOWN;
        }
        if (t instanceof WildcardType w && w.getUpperBounds().length > 0) {
            return fromReflect(w.getUpperBounds()[0], receiver);
        }
        if (t instanceof GenericArrayType) {
            return Ty.value(Object[].class);
        }
        return Ty.UNKNOWN;
    }

    /**
     * The type of property {@code name} of {@code c} as DRL reads it ({@code ki67Percent} is {@code getKi67Percent()},
     * {@code isX()}, a record accessor or a public field), only when it is declared by a project type; else empty.
     */
    static Optional<Ty> property(Ty owner, String name) {
        Class<?> c = owner.raw();
        if (c == null || !AllowList.isProject(c) || name.isEmpty()) {
            return Optional.empty();
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String getter : List.of("get" + cap, "is" + cap, name)) {
            Method m = AllowList.projectMethod(c, getter, 0, false);
            if (m != null && m.getReturnType() != void.class) {
                return Optional.of(fromReflect(m.getGenericReturnType(), owner));
            }
        }
        try {
            Field f = c.getField(name);
            if (!Modifier.isStatic(f.getModifiers()) && AllowList.isProject(f.getDeclaringClass())) {
                return Optional.of(fromReflect(f.getGenericType(), owner));
            }
        } catch (NoSuchFieldException e) {
            // not a field either
        }
        return Optional.empty();
    }

    /*
     * What a project type has, allowed or not: a name it does not have at all is a misspelling, not a policy matter
     * (the checker then says which name was meant instead of refusing it).
     */

    /** Whether {@code c} has any public member DRL reads as property {@code name} (getter, accessor or field). */
    static boolean hasProperty(Class<?> c, String name) {
        String cap = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return hasMethod(c, "get" + cap) || hasMethod(c, "is" + cap) || hasMethod(c, name)
            || Arrays.stream(c.getFields()).anyMatch(f -> f.getName().equals(name));
    }

    /** Whether {@code c} has any public method {@code name}, of any arity, declared wherever. */
    static boolean hasMethod(Class<?> c, String name) {
        return Arrays.stream(c.getMethods()).anyMatch(m -> m.getName().equals(name));
    }

    /** The properties of project type {@code c} as {@link #property} reads them: getX and isX as x, accessors, fields. */
    static Set<String> propertyNames(Class<?> c) {
        Set<String> out = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && m.getReturnType() != void.class
                && AllowList.isProject(m.getDeclaringClass())) {
                out.add(Objects.requireNonNullElse(getterField(m.getName()), m.getName()));
            }
        }
        Arrays.stream(c.getFields()).filter(f -> !Modifier.isStatic(f.getModifiers()) && AllowList.isProject(f.getDeclaringClass()))
            .forEach(f -> out.add(f.getName()));
        return out;
    }

    /** The property a getter reads ({@code getKi67Percent}, {@code isX}: {@code ki67Percent}, {@code x}), else null. */
    static String getterField(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.length() > prefix.length() && method.startsWith(prefix)
                && Character.isUpperCase(method.charAt(prefix.length()))) {
                String rest = method.substring(prefix.length());
                return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            }
        }
        return null;
    }

    /** The public methods project type {@code c} declares (static or instance ones). */
    static Set<String> methodNames(Class<?> c, boolean isStatic) {
        Set<String> out = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) == isStatic && AllowList.isProject(m.getDeclaringClass())) {
                out.add(m.getName());
            }
        }
        return out;
    }

    /** The public static fields project type {@code c} declares: its enum constants and constants. */
    static Set<String> staticFieldNames(Class<?> c) {
        Set<String> out = new TreeSet<>();
        for (Field f : c.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && AllowList.isProject(f.getDeclaringClass())) {
                out.add(f.getName());
            }
        }
        return out;
    }
}
