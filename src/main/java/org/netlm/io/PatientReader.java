package org.netlm.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netlm.validation.InvalidPatientException;
import org.netlm.validation.Violation;

/**
 * Reads patients from a file or stream holding one JSON object, a JSON array of objects, or NDJSON (one
 * object a line). Each patient comes with where it starts (file, line, array element) and is either a
 * valid {@link org.netlm.model.PatientCase} or the list of every violation ({@link PatientJson#fromTree}).
 * A UTF-8 byte-order mark is skipped.
 *
 * <p>The layout is recognised from the start of the input: {@code [} starts an array; an object whose
 * first line is complete ({@code {…}} on one line) starts NDJSON; anything else is read as a sequence of
 * JSON values (one object, possibly over many lines, or several in a row). Arrays and sequences are
 * parsed element by element and NDJSON line by line, so the input is never held in memory at once.
 *
 * <p>Syntax errors in an array or multi-line object end the file with a {@link PatientInputException}
 * naming line and column; in NDJSON a broken line is reported as that patient's violation and reading
 * goes on. Not thread-safe.
 */
public final class PatientReader implements PatientSource {
    /** File name used for standard input. */
    public static final String STDIN_NAME = "<stdin>";
    /** Longest NDJSON line read (characters); longer lines are rejected without being loaded. */
    public static final int MAX_LINE_LENGTH = (int) PatientJson.MAX_DOCUMENT_LENGTH;
    /** Field name of a violation about the whole document (not JSON, not an object, too long). */
    public static final String DOCUMENT = "(document)";

    private static final int DETECT_LIMIT = 64 * 1024;
    /**
     * Parses a whole array or sequence; the string limit of {@link PatientJson} applies to each element, the nesting
     * limit to the whole input (an enclosing array counts as a level).
     */
    private static final JsonFactory STREAM_FACTORY = PatientJson.sharedMapper().getFactory().rebuild()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(PatientJson.MAX_NESTING_DEPTH)
            .maxStringLength(PatientJson.MAX_STRING_LENGTH)
            .build())
        .build();
    /** Reads one element at a time: the parser stays on the stream, so trailing content is the next element. */
    private static final ObjectReader ELEMENT = PatientJson.sharedMapper().readerFor(JsonNode.class)
        .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private enum Mode { UNKNOWN, ARRAY, SEQUENCE, LINES, DONE }

    private final String name;
    private final BufferedReader in;
    private Mode mode = Mode.UNKNOWN;
    private JsonParser parser;
    private Budget budget;
    private LineReader lines;
    private int index;
    private long count;

    private PatientReader(Reader in, String name) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in, 64 * 1024);
        this.name = name;
    }

    /** A reader over a file; the file name as given appears in every message. */
    public static PatientReader open(Path file) throws IOException {
        return new PatientReader(utf8(Files.newInputStream(file)), file.toString());
    }

    /** A reader over a UTF-8 stream (e.g. standard input, named {@link #STDIN_NAME}). */
    public static PatientReader of(InputStream in, String name) {
        return new PatientReader(utf8(in), name);
    }

    /** Every patient of a file (for small inputs and tests). */
    public static List<PatientInput> readAll(Path file) throws IOException {
        try (PatientReader r = open(file)) {
            List<PatientInput> out = new ArrayList<>();
            for (PatientInput p = r.next(); p != null; p = r.next()) {
                out.add(p);
            }
            return out;
        }
    }

    /**
     * A buffered UTF-8 reader over {@code in} with a leading byte-order mark skipped (undecodable bytes
     * become U+FFFD and then fail validation of the field they are in).
     */
    public static BufferedReader utf8(InputStream in) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
        try {
            r.mark(1);
            if (r.read() != '\uFEFF') {
                r.reset();
            }
        } catch (IOException e) {
            // reported again on the first real read
        }
        return r;
    }

    /** One NDJSON line as a patient: syntax errors and violations become the input's violations. */
    public static PatientInput parseLine(String json, String file, long line) {
        JsonNode node;
        try {
            node = PatientJson.sharedMapper().readTree(json);
        } catch (JsonProcessingException e) {
            return invalid(file, line, -1, null, List.of(new Violation(DOCUMENT, null, JsonErrors.describe(e, line - 1))));
        }
        return fromTree(node, file, line, -1);
    }

    /** A line that was too long to be read, as a rejected input. */
    public static PatientInput tooLong(String file, LineReader.Line l) {
        return invalid(file, l.number(), -1, null, List.of(new Violation(DOCUMENT, "(" + l.length() + " characters)",
            "a patient line must be at most " + MAX_LINE_LENGTH + " characters")));
    }

    private static PatientInput fromTree(JsonNode node, String file, long line, int index) {
        try {
            var p = PatientJson.fromTree(node);
            return new PatientInput(file, line, index, p.getId(), p, List.of());
        } catch (InvalidPatientException e) {
            return invalid(file, line, index, e.getPatientId(), e.getViolations());
        }
    }

    private static PatientInput invalid(String file, long line, int index, String id, List<Violation> v) {
        return new PatientInput(file, line, index, id, null, v);
    }

    /**
     * The next patient, or {@code null} at the end.
     *
     * @throws PatientInputException when the input is empty or its JSON is broken (array or multi-line layout)
     * @throws IOException           when the input cannot be read
     */
    @Override
    public PatientInput next() throws IOException {
        try {
            if (mode == Mode.UNKNOWN) {
                detect();
            }
            PatientInput p = switch (mode) {
                case LINES -> nextLine();
                case ARRAY -> nextElement();
                case SEQUENCE -> nextValue();
                case UNKNOWN, DONE -> null;
            };
            if (p != null) {
                count++;
            }
            return p;
        } catch (JsonProcessingException e) {
            mode = Mode.DONE;
            throw new PatientInputException(name + ": " + JsonErrors.describe(e, parser), e);
        }
    }

    private PatientInput end() {
        Mode was = mode;
        mode = Mode.DONE;
        if (count == 0) {
            throw new PatientInputException(name + ": no patient found (" + (was == Mode.ARRAY ? "the array is empty" : "the input is empty") + ")");
        }
        return null;
    }

    private void detect() throws IOException {
        in.mark(DETECT_LIMIT + 2);
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
        boolean ndjson = false;
        if (c == '{') {
            StringBuilder first = new StringBuilder("{");
            int d;
            while ((d = in.read()) != -1 && d != '\n' && first.length() < DETECT_LIMIT) {
                first.append((char) d);
            }
            String line = first.toString().strip();
            ndjson = first.length() >= DETECT_LIMIT || line.length() > 1 && line.endsWith("}");
        }
        in.reset();
        if (c == -1) {
            mode = Mode.DONE;
            end();
        } else if (ndjson) {
            mode = Mode.LINES;
            lines = new LineReader(in, MAX_LINE_LENGTH);
        } else {
            budget = new Budget(in);
            parser = STREAM_FACTORY.createParser(budget);
            if (c == '[') {
                mode = Mode.ARRAY;
                parser.nextToken();
            } else {
                mode = Mode.SEQUENCE;
            }
        }
    }

    private PatientInput nextLine() throws IOException {
        for (LineReader.Line l = lines.next(); l != null; l = lines.next()) {
            if (l.tooLong()) {
                return tooLong(name, l);
            }
            if (!l.isBlank()) {
                return parseLine(l.text(), name, l.number());
            }
        }
        return end();
    }

    private PatientInput nextElement() throws IOException {
        budget.unlimited();
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY) {
            if (parser.nextToken() != null) {
                mode = Mode.DONE;
                throw new PatientInputException(name + ": unexpected content after the array (line "
                    + parser.currentTokenLocation().getLineNr() + ", column " + parser.currentTokenLocation().getColumnNr() + ")");
            }
            return end();
        }
        if (t == null) {
            mode = Mode.DONE;
            throw new PatientInputException(name + ": the array is not closed (missing ']')");
        }
        long line = parser.currentTokenLocation().getLineNr();
        JsonNode node = readElement(line, index);
        return fromTree(node, name, line, index++);
    }

    private PatientInput nextValue() throws IOException {
        budget.unlimited();
        JsonToken t = parser.nextToken();
        if (t == null) {
            return end();
        }
        long line = parser.currentTokenLocation().getLineNr();
        JsonNode node = readElement(line, -1);
        return fromTree(node, name, line, -1);
    }

    /**
     * The value at the parser's current token, read within {@link PatientJson#MAX_DOCUMENT_LENGTH} characters:
     * a longer patient ends the input (it cannot be skipped without reading it), and is never held in memory whole.
     */
    private JsonNode readElement(long line, int element) throws IOException {
        budget.limit(parser.currentTokenLocation().getCharOffset() + PatientJson.MAX_DOCUMENT_LENGTH);
        try {
            return ELEMENT.readValue(parser);
        } catch (Budget.Exceeded e) {
            mode = Mode.DONE;
            throw new PatientInputException(name + ":" + line + ":" + (element >= 0 ? " element " + element + ":" : "")
                + " a patient must be at most " + PatientJson.MAX_DOCUMENT_LENGTH + " characters; this one is longer,"
                + " so the rest of the input is not read");
        }
    }

    /** Counts the characters handed to the parser and refuses to hand over more than the current limit. */
    private static final class Budget extends FilterReader {
        /** Thrown through the parser when a patient runs past its limit. */
        static final class Exceeded extends IOException {
            private static final long serialVersionUID = 1L;

            Exceeded() {
                super("patient too long");
            }
        }

        private long read;
        private long limit = Long.MAX_VALUE;

        Budget(Reader in) {
            super(in);
        }

        void limit(long charOffset) {
            limit = charOffset;
        }

        void unlimited() {
            limit = Long.MAX_VALUE;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (read >= limit) {
                throw new Exceeded();
            }
            int n = super.read(buf, off, (int) Math.min(len, limit - read));
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) == 1 ? one[0] : -1;
        }
    }

    /** The name used in messages (the file as given, or {@link #STDIN_NAME}). */
    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        in.close();
    }
}
