package org.netlm.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * A time as written in the Bundle (fhir-mapping.md 2.5): read from the lexical form, never converted to another
 * zone. Precision year ({@code 2026}), month, day, or time of day. Ordered by {@link #compare}: with a partial time
 * the coarser precision's prefixes are compared; two times of day compare by calendar date, then as instants (no
 * offset: UTC). An absent time ({@code null}) is earlier than any present one.
 */
record FhirTime(String text) {
    /** The time of a HAPI date element, or {@code null} when absent or not a valid R4 date. */
    static FhirTime of(BaseDateTimeType t) {
        if (t == null || t.getValue() == null || t.getValueAsString() == null) {
            return null;
        }
        return new FhirTime(t.getValueAsString());
    }

    static FhirTime of(LocalDate d) {
        return new FhirTime(d.toString());
    }

    boolean hasTimeOfDay() {
        return text.length() > 10;
    }

    /** The calendar date (first 10 characters), padded: only for full dates. */
    String date() {
        return text.substring(0, Math.min(10, text.length()));
    }

    /** The instant of a time of day (no offset: UTC). */
    Instant instant() {
        TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(text);
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            return Instant.from(t);
        }
        return LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
    }

    /** The order of 2.5; {@code null} is earlier than any time. */
    static int compare(FhirTime a, FhirTime b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (!a.hasTimeOfDay() || !b.hasTimeOfDay()) {
            int n = Math.min(Math.min(a.text.length(), b.text.length()), 10);
            return Integer.signum(a.text.substring(0, n).compareTo(b.text.substring(0, n)));
        }
        int byDate = a.date().compareTo(b.date());
        if (byDate != 0) {
            return Integer.signum(byDate);
        }
        try {
            return a.instant().compareTo(b.instant());
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    static boolean later(FhirTime a, FhirTime b) {
        return compare(a, b) > 0;
    }

    /** Instants for the tie-breakers ({@code issued}, {@code meta.lastUpdated}): present beats absent. */
    static int compareInstants(FhirTime a, FhirTime b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        try {
            return (a.hasTimeOfDay() ? a.instant() : LocalDate.parse(a.date()).atStartOfDay().toInstant(ZoneOffset.UTC))
                .compareTo(b.hasTimeOfDay() ? b.instant() : LocalDate.parse(b.date()).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return compare(a, b);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
