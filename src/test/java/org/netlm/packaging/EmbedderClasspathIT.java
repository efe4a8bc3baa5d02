package org.netlm.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.docs.ReadmeJava;

/**
 * The main jar works with exactly the runtime dependencies its POM gives an embedding application, and nothing
 * else: no optional dependency (picocli, HAPI, Javalin …) and none of the Drools parts the POM excludes (drools-ecj,
 * ecj, drools-xml-support with xstream and drools-commands).
 *
 * <p>The build writes the project's runtime dependency tree (maven-dependency-plugin, see pom.xml); an embedder gets
 * that tree without the subtree of any optional dependency, plus at most a jar that the tree shows only under an
 * optional dependency although a required one needs it too (Maven prints a jar once; docs/embedding.md compares the two:
 * {@code commons-codec} today). So the class path below has no jar an embedder would not get. This test compiles a small
 * embedding application
 * ({@code src/test/embedder/EmbedderMain.java}) and the README's Java example against the main jar and those jars
 * only, runs it in a child JVM with that class path (plus logback as the embedder's own logging backend, with its
 * default configuration: everything from DEBUG up is printed) and checks: the bundled rules (pre-compiled), a copy of
 * the rule folder (DRL compiled at run time, Java consequences included) and a broken folder, refused with its
 * problem; and no ERROR or WARN line in the child's log.
 */
class EmbedderClasspathIT {
    /** What an embedder must not be given (groupId:artifactId). */
    static final List<String> NOT_FOR_EMBEDDERS = List.of("info.picocli:picocli", "org.drools:drools-ecj", "org.eclipse.jdt:ecj",
        "org.drools:drools-xml-support", "com.thoughtworks.xstream:xstream", "org.drools:drools-commands");
    static final List<String> LOGGING_BACKEND = List.of("ch.qos.logback:logback-classic", "ch.qos.logback:logback-core");

    static Path mainJar;
    static Path tree;
    static Path repository;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildOutputs() {
        String jar = System.getProperty("netlm.mainJar");
        String treeFile = System.getProperty("netlm.dependencyTree");
        String repo = System.getProperty("netlm.localRepository");
        assumeTrue(jar != null && treeFile != null && repo != null, "embedding checks run under maven-failsafe (mvn verify)");
        mainJar = Path.of(jar);
        tree = Path.of(treeFile);
        repository = Path.of(repo);
        assertThat(mainJar).as("main jar of this build").isRegularFile();
        assertThat(tree).as("runtime dependency tree written by this build").isRegularFile();
    }

    /** One node of the dependency tree: groupId:artifactId, its jar in the local repository, optional or not. */
    record Dependency(String key, Path jar, boolean optional) {
    }

    /**
     * The dependencies of the tree (root excluded), without the subtree of an optional dependency when
     * {@code embedderView}: what a project that depends on this artifact resolves.
     */
    static Map<String, Dependency> dependencies(boolean embedderView) throws IOException {
        Map<String, Dependency> out = new TreeMap<>();
        int skipBelow = Integer.MAX_VALUE; // depth of the optional dependency whose subtree is being skipped
        List<String> lines = Files.readAllLines(tree, StandardCharsets.UTF_8);
        Pattern node = Pattern.compile("^([|\\\\+\\- ]*)(\\S+)(.*)$");
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = node.matcher(line);
            if (line.isBlank() || !m.matches()) {
                continue;
            }
            int depth = m.group(1).length() / 3;
            if (depth > skipBelow) {
                continue;
            }
            skipBelow = Integer.MAX_VALUE;
            boolean optional = m.group(3).contains("(optional)");
            if (optional && embedderView) {
                skipBelow = depth;
                continue;
            }
            Dependency d = dependency(m.group(2), optional);
            out.put(d.key(), d);
        }
        return out;
    }

    /** groupId:artifactId:type[:classifier]:version:scope → its file in the local repository. */
    static Dependency dependency(String coordinates, boolean optional) {
        String[] c = coordinates.split(":");
        assertThat(c.length).as(coordinates).isBetween(5, 6);
        String group = c[0];
        String artifact = c[1];
        String type = c[2];
        String classifier = c.length == 6 ? "-" + c[3] : "";
        String version = c[c.length - 2];
        Path jar = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
            .resolve(artifact + "-" + version + classifier + "." + type);
        return new Dependency(group + ":" + artifact, jar, optional);
    }

    @Test
    void anEmbedderGetsNoOptionalAndNoExcludedDependency() throws Exception {
        Map<String, Dependency> embedder = dependencies(true);
        Map<String, Dependency> project = dependencies(false);

        assertThat(embedder.keySet()).contains("org.drools:drools-engine-classic", "org.drools:drools-model-compiler",
            "com.fasterxml.jackson.core:jackson-databind", "org.slf4j:slf4j-api").doesNotContainAnyElementsOf(NOT_FOR_EMBEDDERS)
            .doesNotContain("ca.uhn.hapi.fhir:hapi-fhir-base", "io.javalin:javalin", "ch.qos.logback:logback-classic");
        assertThat(embedder.values()).noneMatch(Dependency::optional);
        // the command line still has picocli (optional dependencies go into the -cli jar, see PackagingIT)
        assertThat(project).containsKey("info.picocli:picocli");
        assertThat(project.get("info.picocli:picocli").optional()).isTrue();
        assertThat(project.keySet()).doesNotContain("org.drools:drools-ecj", "org.eclipse.jdt:ecj", "org.drools:drools-xml-support",
            "com.thoughtworks.xstream:xstream", "org.drools:drools-commands");
    }

    @Test
    void theBundledRulesAndARuleFolderWorkWithExactlyTheEmbeddersDependencies() throws Exception {
        Map<String, Dependency> embedder = dependencies(true);
        Map<String, Dependency> project = dependencies(false);
        List<Path> classPath = new ArrayList<>();
        classPath.add(mainJar);
        embedder.values().forEach(d -> classPath.add(d.jar()));
        classPath.forEach(p -> assertThat(p).as("resolved dependency").isRegularFile());

        // Compile the embedding application and the README example against that class path only.
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Files.copy(Path.of("src/test/embedder/EmbedderMain.java"), src.resolve("EmbedderMain.java"));
        Files.writeString(src.resolve("ReadmeExample.java"), ReadmeJava.asClass("ReadmeExample", ReadmeJava.firstJavaBlock(Path.of("README.md"))));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int javac = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "-d", classes.toString(), "-cp",
            join(classPath), "-proc:none", src.resolve("EmbedderMain.java").toString(), src.resolve("ReadmeExample.java").toString());
        assertThat(javac).as("javac with the embedder's class path: %s", diagnostics).isZero();

        // The application's working folder: a copy of the rules (the README example reads ./rules) and a broken folder
        // (one rule file whose consequence does not compile: the Drools Java compiler must run and report it).
        Path app = Files.createDirectories(tmp.resolve("app"));
        copyTree(Path.of("rules"), app.resolve("rules"));
        Path broken = Files.createDirectories(app.resolve("broken/recommendation"));
        for (String f : List.of("evidence.json", "knowledge.json")) {
            Files.copy(Path.of("rules", f), app.resolve("broken").resolve(f));
        }
        String surgery = Files.readString(Path.of("rules/recommendation/surgery.drl"), StandardCharsets.UTF_8);
        assertThat(surgery).contains("Strength.RECOMMENDED,");
        Files.writeString(broken.resolve("surgery.drl"), surgery.replaceFirst("Strength\\.RECOMMENDED,", "42,"), StandardCharsets.UTF_8);

        List<Path> runtime = new ArrayList<>(classPath);
        runtime.add(0, classes);
        LOGGING_BACKEND.forEach(k -> runtime.add(project.get(k).jar()));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", join(runtime), "EmbedderMain",
            "rules", "broken");
        Process p = new ProcessBuilder(cmd).directory(app.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the embedding application did not finish");
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String both = stdout + stderr;

        assertThat(p.exitValue()).as(both).isZero();
        List<String> results = stdout.lines().filter(l -> l.matches("^(bundled|folder|broken|readme): .*")).toList();
        assertThat(results).as(both).hasSize(4);
        assertThat(results.get(0)).matches("bundled: precompiled=true rules=\\d+ RADICAL_RESECTION=RECOMMENDED");
        String rules = results.get(0).replaceAll(".* rules=(\\d+) .*", "$1");
        assertThat(results.get(1)).isEqualTo("folder: precompiled=false rules=" + rules + " RADICAL_RESECTION=RECOMMENDED");
        assertThat(results.get(2)).startsWith("broken: recommendation/surgery.drl:").contains("incompatible types");
        assertThat(results.get(3)).isEqualTo("readme: ran");
        assertThat(both.lines()).as("logback's default configuration prints DEBUG and up: the log is there")
            .anyMatch(l -> l.contains(" DEBUG org.drools"));
        assertThat(both.lines().filter(l -> l.matches(".*\\b(ERROR|WARN)\\b.*")).collect(Collectors.toList()))
            .as("log lines at ERROR or WARN in the embedding application").isEmpty();
    }

    static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
