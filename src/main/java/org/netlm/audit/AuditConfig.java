package org.netlm.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where the audit store lives and what it keeps. By default: an embedded H2 file database in a folder, the
 * pseudonymous patient key only (no raw id, no patient data). Production: any JDBC URL (PostgreSQL tested).
 *
 * <p>In a JSON configuration (the {@code audit} object of the service configuration, docs/audit.md):
 * <pre>{@code
 * "audit": { "jdbcUrl": "jdbc:postgresql://db/netlm", "user": "netlm", "password": "…",
 *            "pseudonymSecret": "…", "storePatientId": false, "storeInput": false, "maxPoolSize": 8 }
 * }</pre>
 * or {@code "folder": "audit"} for the embedded database. {@code pseudonymSecretFile} may name a file holding the
 * secret instead of {@code pseudonymSecret}. An embedded store without a configured secret creates one, once, in
 * {@code <folder>/pseudonym.key} (readable by its owner only), so its keys stay stable.
 */
public final class AuditConfig {
    /** The embedded database's folder when none is configured. */
    public static final Path DEFAULT_FOLDER = Path.of("netlm-audit");
    static final String SECRET_FILE = "pseudonym.key";
    private static final Set<String> KEYS = Set.of("folder", "jdbcUrl", "user", "password", "pseudonymSecret",
        "pseudonymSecretFile", "storePatientId", "storeInput", "maxPoolSize");

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String pseudonymSecret;
    private final boolean storePatientId;
    private final boolean storeInput;
    private final int maxPoolSize;

    private AuditConfig(String jdbcUrl, String user, String password, String pseudonymSecret, boolean storePatientId,
                        boolean storeInput, int maxPoolSize) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user;
        this.password = password;
        this.pseudonymSecret = Objects.requireNonNull(pseudonymSecret, "pseudonymSecret");
        this.storePatientId = storePatientId;
        this.storeInput = storeInput;
        this.maxPoolSize = maxPoolSize;
    }

    /**
     * The embedded H2 database in {@code folder} (created when absent), with the folder's own pseudonym secret
     * (created once) unless {@code secret} is given.
     */
    public static AuditConfig embedded(Path folder, String secret) {
        return new AuditConfig(h2Url(folder), null, null, secret != null ? secret : folderSecret(folder), false, false, 8);
    }

    /** Any JDBC URL (e.g. {@code jdbc:postgresql://host/db}); the secret is required. */
    public static AuditConfig jdbc(String jdbcUrl, String user, String password, String secret) {
        return new AuditConfig(jdbcUrl, user, password, requireSecret(secret), false, false, 8);
    }

    /** The same configuration that also stores the raw patient id beside its key. */
    public AuditConfig withPatientIds(boolean value) {
        return new AuditConfig(jdbcUrl, user, password, pseudonymSecret, value, storeInput, maxPoolSize);
    }

    /** The same configuration that also stores the patient data as assessed. */
    public AuditConfig withInput(boolean value) {
        return new AuditConfig(jdbcUrl, user, password, pseudonymSecret, storePatientId, value, maxPoolSize);
    }

    /** The same configuration with at most {@code value} pooled connections. */
    public AuditConfig withMaxPoolSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
        return new AuditConfig(jdbcUrl, user, password, pseudonymSecret, storePatientId, storeInput, value);
    }

    /**
     * Reads the {@code audit} object of a configuration; relative paths resolve against {@code base} (the
     * configuration file's folder). Every problem is reported at once, naming the key.
     */
    public static AuditConfig fromJson(JsonNode audit, Path base) {
        List<String> problems = new ArrayList<>();
        if (audit == null || audit.isNull()) {
            return embedded(base.resolve(DEFAULT_FOLDER), null);
        }
        if (!audit.isObject()) {
            throw new IllegalArgumentException("audit: must be an object");
        }
        for (Iterator<String> it = audit.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problems.add("audit." + k + ": unknown key (expected one of " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String folder = text(audit, "folder", problems);
        String url = text(audit, "jdbcUrl", problems);
        String secret = text(audit, "pseudonymSecret", problems);
        String secretFile = text(audit, "pseudonymSecretFile", problems);
        if (folder != null && url != null) {
            problems.add("audit: give either folder (embedded H2) or jdbcUrl, not both");
        }
        if (secret != null && secretFile != null) {
            problems.add("audit: give either pseudonymSecret or pseudonymSecretFile, not both");
        }
        if (secretFile != null) {
            try {
                secret = Files.readString(base.resolve(secretFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                problems.add("audit.pseudonymSecretFile: cannot read " + secretFile);
            }
        }
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < PatientKeys.MIN_SECRET_BYTES) {
            problems.add("audit.pseudonymSecret: must have at least " + PatientKeys.MIN_SECRET_BYTES + " bytes");
        }
        if (url != null && secret == null) {
            problems.add("audit: a jdbcUrl needs pseudonymSecret or pseudonymSecretFile (the key of the patient pseudonyms)");
        }
        int pool = audit.has("maxPoolSize") ? audit.get("maxPoolSize").asInt(-1) : 8;
        if (pool < 1 || pool > 64) {
            problems.add("audit.maxPoolSize: must be a whole number from 1 to 64");
        }
        boolean ids = flag(audit, "storePatientId", problems);
        boolean input = flag(audit, "storeInput", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        AuditConfig c = url != null
            ? jdbc(url, text(audit, "user", problems), text(audit, "password", problems), secret)
            : embedded(base.resolve(folder != null ? folder : DEFAULT_FOLDER.toString()), secret);
        return c.withPatientIds(ids).withInput(input).withMaxPoolSize(pool);
    }

    /**
     * Reads the {@code audit} object of a JSON configuration file (the service's {@code --config FILE}); relative
     * paths resolve against the file's folder; no {@code audit} object means the embedded default beside the file.
     */
    public static AuditConfig fromConfigFile(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": must hold a JSON object");
        }
        Path base = file.toAbsolutePath().getParent();
        return fromJson(root.get("audit"), base);
    }

    private static String text(JsonNode o, String key, List<String> problems) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add("audit." + key + ": must be a non-empty string");
            return null;
        }
        return v.asText();
    }

    private static boolean flag(JsonNode o, String key, List<String> problems) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            problems.add("audit." + key + ": must be true or false");
            return false;
        }
        return v.asBoolean();
    }

    private static String requireSecret(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < PatientKeys.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the pseudonym secret must have at least " + PatientKeys.MIN_SECRET_BYTES + " bytes");
        }
        return secret;
    }

    private static String h2Url(Path folder) {
        Path db = folder.toAbsolutePath().normalize().resolve("audit");
        // File database; the schema is Flyway's. DB_CLOSE_ON_EXIT=FALSE: the pool closes it on shutdown.
        // WRITE_DELAY=0: a commit is on disk when it returns (H2 otherwise writes committed changes up to a second
        // later, and a process killed in that second would lose records whose cards were already shown).
        return "jdbc:h2:file:" + db + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** The folder's secret, created once with owner-only permissions where the file system has them. */
    private static synchronized String folderSecret(Path folder) {
        Path file = folder.resolve(SECRET_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(folder);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            Path tmp = Files.createTempFile(folder, SECRET_FILE, ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own permissions protect it
                }
                Files.writeString(tmp, secret, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return secret;
        } catch (IOException e) {
            throw new AuditUnavailableException("cannot create the pseudonym secret in " + folder, e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String pseudonymSecret() {
        return pseudonymSecret;
    }

    /** Whether the raw patient id is stored beside its pseudonymous key (off by default). */
    public boolean storePatientId() {
        return storePatientId;
    }

    /** Whether the patient data as assessed are stored (off by default). */
    public boolean storeInput() {
        return storeInput;
    }

    public int maxPoolSize() {
        return maxPoolSize;
    }

    /** The URL without credentials, for logs and messages. */
    @Override
    public String toString() {
        return "AuditConfig[" + jdbcUrl.replaceAll("password=[^;&]*", "password=***") + ", storePatientId=" + storePatientId
            + ", storeInput=" + storeInput + "]";
    }
}
