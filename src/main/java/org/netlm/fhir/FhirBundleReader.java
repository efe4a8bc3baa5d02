package org.netlm.fhir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.netlm.io.LineParser;
import org.netlm.io.PatientInput;
import org.netlm.io.PatientInputException;
import org.netlm.io.PatientJson;
import org.netlm.io.PatientSource;

/**
 * FHIR input for the commands: a file holding one Bundle, or NDJSON of Bundles (one a line), each mapped by a
 * {@link FhirPatientMapper} into a {@link PatientInput} that carries the case (or every violation) and the mapping
 * report. Not thread-safe; {@link #lineParser} is (for {@code batch}).
 */
public final class FhirBundleReader implements PatientSource {
    /** Largest FHIR input read (characters): a Bundle file or the whole NDJSON file. */
    public static final long MAX_INPUT_CHARS = 64L * 1024 * 1024;

    private final String name;
    private final FhirPatientMapper mapper;
    private final LocalDate asOf;
    private final String text;
    private BufferedReader lines;
    private long lineNumber;
    private boolean single;
    private boolean done;
    private int count;

    private FhirBundleReader(String text, String name, FhirPatientMapper mapper, LocalDate asOf) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.name = name;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.asOf = asOf;
    }

    /** A reader over a file ({@code asOf} {@code null}: each Bundle's timestamp). */
    public static FhirBundleReader open(Path file, FhirPatientMapper mapper, LocalDate asOf) throws IOException {
        if (Files.size(file) > MAX_INPUT_CHARS * 4) {
            throw new PatientInputException(file + ": a FHIR input must be at most " + MAX_INPUT_CHARS + " characters");
        }
        return new FhirBundleReader(Files.readString(file, StandardCharsets.UTF_8), file.toString(), mapper, asOf);
    }

    /** A reader over a UTF-8 stream (standard input). */
    public static FhirBundleReader of(InputStream in, String name, FhirPatientMapper mapper, LocalDate asOf) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_INPUT_CHARS * 4 + 1));
        if (bytes.length > MAX_INPUT_CHARS * 4) {
            throw new PatientInputException(name + ": a FHIR input must be at most " + MAX_INPUT_CHARS + " characters");
        }
        return new FhirBundleReader(new String(bytes, StandardCharsets.UTF_8), name, mapper, asOf);
    }

    /** One NDJSON line as a Bundle, for {@code batch} (thread-safe: the mapper is). */
    public static LineParser lineParser(FhirPatientMapper mapper, LocalDate asOf) {
        return (line, file, number) -> mapOne(mapper, asOf, line, file, number);
    }

    static PatientInput mapOne(FhirPatientMapper mapper, LocalDate asOf, String json, String file, long line) {
        try {
            FhirMappingResult m = mapper.map(json, asOf);
            return new PatientInput(file, line, -1, m.patientCase().getId(), m.patientCase(), List.of(), m.report());
        } catch (FhirMappingException e) {
            return new PatientInput(file, line, -1, e.getPatientId(), null, e.getViolations(), e.report());
        }
    }

    @Override
    public PatientInput next() throws IOException {
        if (done) {
            return null;
        }
        if (lines == null) {
            single = !severalValues(text);
            lines = new BufferedReader(new StringReader(text));
            if (single) {
                done = true;
                if (text.isBlank()) {
                    throw new PatientInputException(name + ": no Bundle found (the input is empty)");
                }
                count++;
                return mapOne(mapper, asOf, text, name, firstLine(text));
            }
        }
        for (String l = lines.readLine(); l != null; l = lines.readLine()) {
            lineNumber++;
            if (!l.isBlank()) {
                count++;
                return mapOne(mapper, asOf, l, name, lineNumber);
            }
        }
        done = true;
        if (count == 0) {
            throw new PatientInputException(name + ": no Bundle found (the input is empty)");
        }
        return null;
    }

    /** True when the text holds more than one JSON value (NDJSON); a broken document counts as one (HAPI says why). */
    private static boolean severalValues(String text) {
        try (JsonParser p = PatientJson.sharedMapper().getFactory().rebuild()
                .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(-1).maxStringLength(Integer.MAX_VALUE).maxNestingDepth(1000).build())
                .build().createParser(text)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static long firstLine(String text) {
        long line = 1;
        for (int i = 0; i < text.length() && Character.isWhitespace(text.charAt(i)); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        done = true;
    }
}
