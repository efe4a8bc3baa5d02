package org.netlm.batch;

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
                AssessmentJson.writeCompactLine(o.result(), out);
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
        return this == SUMMARY ? ("{\"" + AssessmentSummaryJson.LINE + "\":").getBytes(java.nio.charset.StandardCharsets.UTF_8)
            : new byte[0];
    }

    /** True when a record may hold line breaks inside quotes (CSV, RFC 4180); NDJSON records never do. */
    public boolean quotedLineBreaks() {
        return this == CSV;
    }
}
