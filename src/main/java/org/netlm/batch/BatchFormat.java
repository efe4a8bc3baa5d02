package org.netlm.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.netlm.io.AssessmentCsv;
import org.netlm.io.AssessmentJson;
import org.netlm.io.AssessmentSummaryJson;
import org.netlm.io.ByteLines;
import org.netlm.model.Assessment;

/**
 * The output formats of {@code batch --format} (docs/batch.md): each is an {@link OutcomeFormat} of assessments
 * over one writer of {@code org.netlm.io}.
 */
public enum BatchFormat implements OutcomeFormat<Assessment> {
    /** The full assessment JSON of interface.md, one compact object a line; a rejected line writes nothing. */
    FULL {
        @Override
        public void write(Outcome<Assessment> o, ByteLines out) {
            if (!o.isRejected()) {
                AssessmentJson.writeCompactLine(o.result(), o.report(), out);
            }
        }
    },
    /** One lean NDJSON line per input line ({@link AssessmentSummaryJson}), a rejected line with its problems. */
    SUMMARY {
        @Override
        public void write(Outcome<Assessment> o, ByteLines out) {
            if (o.isRejected()) {
                AssessmentSummaryJson.writeRejectedLine(o.line(), o.patientId(), o.problems(), out);
            } else {
                AssessmentSummaryJson.writeLine(o.line(), o.result(), out);
            }
        }
    },
    /** A header, then one CSV row per input line ({@link AssessmentCsv}), a rejected line with its problems. */
    CSV {
        @Override
        public void header(ByteLines out) {
            AssessmentCsv.writeHeader(out);
        }

        @Override
        public void write(Outcome<Assessment> o, ByteLines out) {
            if (o.isRejected()) {
                AssessmentCsv.writeRejectedRow(o.line(), o.patientId(), o.problems(), out);
            } else {
                AssessmentCsv.writeRow(o.line(), o.result(), out);
            }
        }
    };

    /**
     * True when every non-blank input line gives exactly one record, so that the records of an interrupted output
     * tell how many input lines are done ({@code --resume}). The full format writes nothing for a rejected line.
     */
    public boolean oneRecordPerLine() {
        return this != FULL;
    }

    /**
     * The bytes every record of a headerless format starts with, to recognise a partial file of this format on
     * {@code --resume} (CSV is recognised by its header).
     */
    byte[] recordStart() {
        return this == SUMMARY ? ("{\"" + AssessmentSummaryJson.LINE + "\":").getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    }

    /**
     * Rejected lines among the records of an output of this format (the records after the header): a summary line with
     * {@code errors}, a CSV row with a non-empty {@code errors} cell. Zero for the full format, which writes none.
     */
    public long countRejected(InputStream records) throws IOException {
        long n = 0;
        if (this == SUMMARY) {
            try (MappingIterator<JsonNode> it = READER.readValues(records)) {
                while (it.hasNextValue()) {
                    n += it.nextValue().has(AssessmentSummaryJson.ERRORS) ? 1 : 0;
                }
            }
        } else if (this == CSV) {
            try (MappingIterator<Map<String, String>> it = CSV_READER.readValues(records)) {
                while (it.hasNextValue()) {
                    String errors = it.nextValue().get(AssessmentSummaryJson.ERRORS);
                    n += errors == null || errors.isEmpty() ? 0 : 1;
                }
            }
        }
        return n;
    }

    private static final ObjectReader READER =
        new ObjectMapper().readerFor(JsonNode.class);
    private static final ObjectReader CSV_READER =
        new CsvMapper().readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader());

    /** True when a record may hold line breaks inside quotes (CSV, RFC 4180); NDJSON records never do. */
    public boolean quotedLineBreaks() {
        return this == CSV;
    }
}
