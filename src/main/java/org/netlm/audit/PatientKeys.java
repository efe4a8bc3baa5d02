package org.netlm.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable pseudonymous patient keys: HMAC-SHA-256 of the patient id under a secret from the configuration, the
 * first 128 bits in hex with the prefix {@code pk-}. The same id and secret always give the same key; without the
 * secret the key cannot be tied back to the id (nor recomputed from a guessed id).
 */
public final class PatientKeys {
    private static final String ALGORITHM = "HmacSHA256";
    /** Shortest secret accepted (bytes of its UTF-8 text). */
    public static final int MIN_SECRET_BYTES = 16;

    private final SecretKeySpec key;

    public PatientKeys(String secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the pseudonym secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** The pseudonymous key of {@code patientId}. */
    public String keyOf(String patientId) {
        Objects.requireNonNull(patientId, "patientId");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8));
            return "pk-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
