package org.netlm.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The text of a rule folder: every {@code .drl} file (by its path relative to the folder, with
 * forward slashes, e.g. {@code recommendation/surgery.drl}), the evidence registry ({@code evidence.json})
 * and the version of the knowledge it encodes ({@code knowledge.json}, see {@link KnowledgeVersion}).
 * Loaded from a directory or from the {@code rules/} folder bundled in the jar.
 *
 * @param name     where the folder came from, for messages
 * @param drlFiles the DRL files, sorted by path
 * @param evidenceJson the content of {@code evidence.json}, or {@code null} if the folder has none
 * @param knowledgeJson the content of {@code knowledge.json}, or {@code null} if the folder has none
 */
public record RuleSource(String name, List<DrlFile> drlFiles, String evidenceJson, String knowledgeJson) {
    /** Name of the evidence registry file inside a rule folder. */
    public static final String EVIDENCE_FILE = "evidence.json";
    /** Name of the file inside a rule folder that declares the version of its knowledge ({@link KnowledgeVersion}). */
    public static final String KNOWLEDGE_FILE = "knowledge.json";
    /** Classpath folder of the bundled rules. */
    public static final String BUNDLED_ROOT = "rules";

    /**
     * One DRL file: relative path and content.
     *
     * @param path    the path relative to the rule folder, with forward slashes
     * @param content the file's text
     */
    public record DrlFile(String path, String content) {
    }

    /**
     * Copies the list of DRL files.
     * @param name where the folder came from, for messages
     * @param drlFiles the DRL files, sorted by path
     * @param evidenceJson the content of {@code evidence.json}, or {@code null}
     * @param knowledgeJson the content of {@code knowledge.json}, or {@code null}
     */
    public RuleSource {
        drlFiles = List.copyOf(drlFiles);
    }

    /**
     * A rule source without {@code knowledge.json} (enough for reading the catalogue; an engine refuses it).
     * @param name where the rules came from, for messages
     * @param drlFiles the DRL files, sorted by path
     * @param evidenceJson the content of {@code evidence.json}, or {@code null}
     */
    public RuleSource(String name, List<DrlFile> drlFiles, String evidenceJson) {
        this(name, drlFiles, evidenceJson, null);
    }

    /**
     * A short digest (12 hex digits of SHA-256) of every DRL file (path and content), the evidence registry and {@code knowledge.json}: the
     * part of the rule-set version that changes with any edit.
     * @return 12 lowercase hex digits
     */
    public String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (DrlFile f : drlFiles) {
                md.update(f.path().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(f.content().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            for (String file : new String[] {evidenceJson, knowledgeJson}) {
                if (file != null) {
                    md.update(file.getBytes(StandardCharsets.UTF_8));
                }
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a rule folder from disk.
     * @param dir the rule folder
     * @return its DRL files (all sub-folders), evidence registry and knowledge version
     * @throws IOException when the folder does not exist, is not a folder or cannot be read
     */
    public static RuleSource fromDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a rule folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        return read(dir, dir.toString());
    }

    /**
     * Reads the rules bundled in the jar (or in target/classes during development).
     * @return the bundled rule folder
     * @throws IllegalStateException when the bundled rules are missing or cannot be read
     */
    public static RuleSource bundled() {
        URL marker = RuleSource.class.getClassLoader().getResource(BUNDLED_ROOT + "/" + EVIDENCE_FILE);
        if (marker == null) {
            throw new IllegalStateException("The bundled rules are missing from the classpath (" + BUNDLED_ROOT + "/" + EVIDENCE_FILE + ")");
        }
        try {
            return read(classpathPath(marker).getParent(), "bundled rules");
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot read the bundled rules: " + e.getMessage(), e);
        }
    }

    /**
     * A classpath resource as a path: in the jar's own file system when it is packaged (opened once, then shared), else
     * on disk. For reading folders shipped in the jar (the bundled rules, the workbench's examples).
     * @param resource a classpath resource, from {@link ClassLoader#getResource}
     * @return the resource as a path
     * @throws URISyntaxException when the resource's URL is not a valid URI
     * @throws IOException when the jar's file system cannot be opened
     */
    public static Path classpathPath(URL resource) throws URISyntaxException, IOException {
        URI uri = resource.toURI();
        if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            return fs.provider().getPath(uri);
        }
        return Path.of(uri);
    }

    private static RuleSource read(Path root, String name) throws IOException {
        List<DrlFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".drl")) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    files.add(new DrlFile(rel, Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new RuleSource(name, files, optionalFile(root, EVIDENCE_FILE), optionalFile(root, KNOWLEDGE_FILE));
    }

    /** The content of the file {@code name} in {@code root}, or {@code null} when there is none. */
    private static String optionalFile(Path root, String name) throws IOException {
        Path p = root.resolve(name);
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
    }
}
