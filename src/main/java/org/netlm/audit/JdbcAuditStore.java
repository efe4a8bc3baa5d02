package org.netlm.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.netlm.model.Strength;
import org.netlm.model.Therapy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit store on JDBC: a HikariCP pool, the schema created and migrated by Flyway (scripts in
 * {@code org/netlm/audit/db}), plain JDBC with one transaction per write ({@link #recordAll}: one for many calls, each
 * table written in one JDBC batch). A database that goes away makes calls
 * fail fast with {@link AuditUnavailableException}; the pool reconnects when it returns.
 */
public final class JdbcAuditStore implements AuditStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditStore.class);
    /** Flyway's migration scripts. */
    static final String MIGRATIONS = "classpath:org/netlm/audit/db";
    /** Flyway's history table (named so that it cannot clash with an application's own). */
    public static final String HISTORY_TABLE = "netlm_audit_schema_history";
    private static final long CONNECTION_TIMEOUT_MS = 3_000;

    private final AuditConfig config;
    private final HikariDataSource pool;
    private final PatientKeys keys;

    private JdbcAuditStore(AuditConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
        this.keys = new PatientKeys(config.pseudonymSecret());
    }

    /**
     * Opens the store: connects, creates or migrates the schema, and is ready. Throws
     * {@link AuditUnavailableException} (and holds no connection) when the database cannot be reached or migrated.
     */
    public static JdbcAuditStore open(AuditConfig config) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            h.setUsername(config.user());
        }
        if (config.password() != null) {
            h.setPassword(config.password());
        }
        h.setMaximumPoolSize(config.maxPoolSize());
        h.setMinimumIdle(1);
        h.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        h.setValidationTimeout(1_000);
        h.setPoolName("netlm-audit");
        h.setAutoCommit(false);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(h);
        } catch (RuntimeException e) {
            throw new AuditUnavailableException("cannot connect to the audit database (" + config + "): " + rootMessage(e), e);
        }
        try {
            Flyway.configure(JdbcAuditStore.class.getClassLoader())
                .dataSource(pool)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .load()
                .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new AuditUnavailableException("cannot create or migrate the audit schema (" + config + "): " + rootMessage(e), e);
        }
        LOG.debug("audit store open: {}", config);
        return new JdbcAuditStore(config, pool);
    }

    @Override
    public boolean storesInput() {
        return config.storeInput();
    }

    @Override
    public String patientKey(String patientId) {
        return keys.keyOf(patientId);
    }

    @Override
    public long record(AuditEntry e) {
        return inTransaction("record the call", c -> insert(c, List.of(e))[0]);
    }

    @Override
    public int recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        return inTransaction("record " + entries.size() + " calls", c -> {
            List<AuditEntry> fresh = notYetStored(c, entries);
            if (!fresh.isEmpty()) {
                insert(c, fresh);
            }
            return fresh.size();
        });
    }

    /** The entries whose origin (run, line) is not stored yet, in order; entries without an origin are all fresh. */
    private static List<AuditEntry> notYetStored(Connection c, List<AuditEntry> entries) throws SQLException {
        Map<String, Set<Long>> stored = new HashMap<>();
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (AuditEntry e : entries) {
            if (e.origin() != null) {
                ranges.merge(e.origin().run(), new long[] {e.origin().line(), e.origin().line()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        try (PreparedStatement s = c.prepareStatement(
            "SELECT batch_line FROM audit_event WHERE batch_run = ? AND batch_line BETWEEN ? AND ?")) {
            for (Map.Entry<String, long[]> r : ranges.entrySet()) {
                s.setString(1, r.getKey());
                s.setLong(2, r.getValue()[0]);
                s.setLong(3, r.getValue()[1]);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stored.computeIfAbsent(r.getKey(), k -> new HashSet<>()).add(rs.getLong(1));
                    }
                }
            }
        }
        List<AuditEntry> fresh = new ArrayList<>();
        Set<AuditEntry.Origin> seen = new HashSet<>();
        for (AuditEntry e : entries) {
            AuditEntry.Origin o = e.origin();
            if (o == null || !stored.getOrDefault(o.run(), Set.of()).contains(o.line()) && seen.add(o)) {
                fresh.add(e);
            }
        }
        return fresh;
    }

    /**
     * Inserts the entries with their recommendations and cards, three JDBC batches whatever their number (the caller's
     * transaction); returns their event ids in order.
     */
    private long[] insert(Connection c, List<AuditEntry> entries) throws SQLException {
        long[] ids = new long[entries.size()];
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_event (event_time, service, hook, patient_key, "
            + "patient_id, knowledge_version, ruleset_version, input_json, batch_run, batch_line) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            for (AuditEntry e : entries) {
                s.setObject(1, utc(e.time()));
                s.setString(2, e.service());
                s.setString(3, e.hook());
                s.setString(4, keys.keyOf(e.patientId()));
                s.setString(5, config.storePatientId() ? e.patientId() : null);
                s.setString(6, e.knowledgeVersion());
                s.setString(7, e.rulesetVersion());
                s.setString(8, config.storeInput() ? e.inputJson() : null);
                s.setString(9, e.origin() == null ? null : e.origin().run());
                s.setObject(10, e.origin() == null ? null : e.origin().line(), Types.BIGINT);
                s.addBatch();
            }
            s.executeBatch();
            try (ResultSet k = s.getGeneratedKeys()) {
                int n = 0;
                while (k.next()) {
                    if (n == ids.length) {
                        throw new SQLException("the database returned more event ids than events inserted");
                    }
                    ids[n++] = k.getLong(1);
                }
                if (n != ids.length) {
                    throw new SQLException("the database returned " + n + " event ids for " + ids.length + " events");
                }
            }
        }
        boolean anyRecommendation = entries.stream().anyMatch(e -> !e.recommendations().isEmpty());
        if (anyRecommendation) {
            try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_recommendation (event_id, position, therapy, strength, rule_id) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < ids.length; i++) {
                    int position = 0;
                    for (AuditEntry.RecommendationRow r : entries.get(i).recommendations()) {
                        s.setLong(1, ids[i]);
                        s.setInt(2, position++);
                        s.setString(3, r.therapy().name());
                        s.setString(4, r.strength().name());
                        s.setString(5, r.ruleId());
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
        }
        boolean anyCard = entries.stream().anyMatch(e -> !e.cards().isEmpty());
        if (anyCard) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_card (card_uuid, event_id, indicator, summary, "
                + "therapy, strength, rule_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < ids.length; i++) {
                    for (AuditEntry.Card card : entries.get(i).cards()) {
                        s.setString(1, card.uuid());
                        s.setLong(2, ids[i]);
                        s.setString(3, card.indicator());
                        s.setString(4, card.summary());
                        s.setString(5, card.therapy() == null ? null : card.therapy().name());
                        s.setString(6, card.strength() == null ? null : card.strength().name());
                        s.setString(7, card.ruleId());
                        s.addBatch();
                    }
                }
                s.executeBatch();
            }
        }
        return ids;
    }

    @Override
    public FeedbackResult recordFeedback(Feedback f) {
        return recordFeedback(List.of(f)).isEmpty() ? FeedbackResult.STORED : FeedbackResult.UNKNOWN_CARD;
    }

    @Override
    public List<String> recordFeedback(List<Feedback> feedback) {
        return inTransaction("record the feedback", c -> {
            List<String> unknown = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM audit_card WHERE card_uuid = ?")) {
                for (Feedback f : feedback) {
                    s.setString(1, f.cardUuid());
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            unknown.add(f.cardUuid());
                        }
                    }
                }
            }
            if (!unknown.isEmpty()) {
                return unknown;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_feedback (card_uuid, outcome, override_reason_code, "
                + "override_reason_system, override_reason_display, user_comment, outcome_time, received_time) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                Instant received = Instant.now();
                for (Feedback f : feedback) {
                    s.setString(1, f.cardUuid());
                    s.setString(2, f.outcome().name());
                    s.setString(3, f.reasonCode());
                    s.setString(4, f.reasonSystem());
                    s.setString(5, f.reasonDisplay());
                    s.setString(6, f.comment());
                    s.setObject(7, f.outcomeTime() == null ? null : utc(f.outcomeTime()));
                    s.setObject(8, utc(received));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return List.<String>of();
        });
    }

    @Override
    public List<AuditEvent> show(String patientKey) {
        return inTransaction("read the patient's events", c -> {
            Map<Long, EventRow> events = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, event_time, service, hook, patient_key, patient_id, "
                + "knowledge_version, ruleset_version, input_json, batch_run, batch_line FROM audit_event WHERE patient_key = ? "
                + "ORDER BY event_time, id")) {
                s.setString(1, patientKey);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String run = r.getString(10);
                        events.put(r.getLong(1), new EventRow(r.getLong(1), instant(r, 2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                            run == null ? null : new AuditEntry.Origin(run, r.getLong(11))));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT r.event_id, r.therapy, r.strength, r.rule_id FROM "
                + "audit_recommendation r JOIN audit_event e ON e.id = r.event_id WHERE e.patient_key = ? ORDER BY r.event_id, r.position")) {
                s.setString(1, patientKey);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        events.get(r.getLong(1)).recommendations.add(new AuditEntry.RecommendationRow(
                            Therapy.valueOf(r.getString(2)), Strength.valueOf(r.getString(3)), r.getString(4)));
                    }
                }
            }
            Map<String, List<Feedback>> feedback = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT f.card_uuid, f.outcome, f.override_reason_code, "
                + "f.override_reason_system, f.override_reason_display, f.user_comment, f.outcome_time FROM audit_feedback f "
                + "JOIN audit_card c ON c.card_uuid = f.card_uuid JOIN audit_event e ON e.id = c.event_id "
                + "WHERE e.patient_key = ? ORDER BY f.id")) {
                s.setString(1, patientKey);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        feedback.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new Feedback(r.getString(1),
                            Feedback.Outcome.valueOf(r.getString(2)), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), instant(r, 7)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT c.event_id, c.card_uuid, c.indicator, c.summary, c.therapy, "
                + "c.strength, c.rule_id FROM audit_card c JOIN audit_event e ON e.id = c.event_id WHERE e.patient_key = ? "
                + "ORDER BY c.event_id, c.card_uuid")) {
                s.setString(1, patientKey);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        AuditEntry.Card card = new AuditEntry.Card(r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5) == null ? null : Therapy.valueOf(r.getString(5)),
                            r.getString(6) == null ? null : Strength.valueOf(r.getString(6)), r.getString(7));
                        events.get(r.getLong(1)).cards.add(new AuditEvent.ShownCard(card,
                            feedback.getOrDefault(card.uuid(), List.of())));
                    }
                }
            }
            return events.values().stream().map(EventRow::event).toList();
        });
    }

    @Override
    public AuditReport report(Instant since) {
        Instant from = since == null ? Instant.EPOCH : since;
        return inTransaction("build the report", c -> {
            long events;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE event_time >= ?")) {
                s.setObject(1, utc(from));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    events = r.getLong(1);
                }
            }
            return new AuditReport(since, events, rows(c, "rule_id", from), rows(c, "therapy", from));
        });
    }

    /** Shown / accepted / overridden cards and top override reasons, grouped by a card column. */
    private static List<AuditReport.Row> rows(Connection c, String column, Instant from) throws SQLException {
        String key = "COALESCE(c." + column + ", '-')";
        Map<String, long[]> counts = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + key + ", COUNT(*), "
            + "SUM(CASE WHEN " + hasFeedback("ACCEPTED") + " THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN " + hasFeedback("OVERRIDDEN") + " THEN 1 ELSE 0 END) "
            + "FROM audit_card c JOIN audit_event e ON e.id = c.event_id "
            + "WHERE e.event_time >= ? GROUP BY " + key + " ORDER BY " + key)) {
            s.setObject(1, utc(from));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4)});
                }
            }
        }
        Map<String, List<AuditReport.ReasonCount>> reasons = new LinkedHashMap<>();
        String reason = "COALESCE(f.override_reason_display, f.override_reason_code)";
        try (PreparedStatement s = c.prepareStatement("SELECT " + key + ", " + reason + " AS reason, COUNT(*) AS n "
            + "FROM audit_feedback f JOIN audit_card c ON c.card_uuid = f.card_uuid JOIN audit_event e ON e.id = c.event_id "
            + "WHERE f.outcome = 'OVERRIDDEN' AND " + reason + " IS NOT NULL AND e.event_time >= ? "
            + "GROUP BY " + key + ", " + reason + " ORDER BY n DESC, reason")) {
            s.setObject(1, utc(from));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<AuditReport.ReasonCount> top = reasons.computeIfAbsent(r.getString(1), k -> new ArrayList<>());
                    if (top.size() < AuditReport.TOP_REASONS) {
                        top.add(new AuditReport.ReasonCount(r.getString(2), r.getLong(3)));
                    }
                }
            }
        }
        List<AuditReport.Row> rows = new ArrayList<>();
        counts.forEach((k, n) -> rows.add(new AuditReport.Row(k, n[0], n[1], n[2], reasons.getOrDefault(k, List.of()))));
        return rows;
    }

    /** SQL: the card {@code c} got at least one feedback with this outcome. */
    private static String hasFeedback(String outcome) {
        return "EXISTS (SELECT 1 FROM audit_feedback f WHERE f.card_uuid = c.card_uuid AND f.outcome = '" + outcome + "')";
    }

    @Override
    public int purge(Instant before) {
        return inTransaction("purge old events", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_event WHERE event_time < ?")) {
                s.setObject(1, utc(before));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public long eventCount() {
        return inTransaction("count events", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit_event")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The configuration the store was opened with. */
    public AuditConfig config() {
        return config;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back (nothing kept) when it fails. */
    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditUnavailableException("the audit store could not " + what + ": " + rootMessage(e), e);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** An event being read, before its lists are complete. */
    private record EventRow(long id, Instant time, String service, String hook, String patientKey, String patientId,
                            String knowledgeVersion, String rulesetVersion, String inputJson, AuditEntry.Origin origin,
                            List<AuditEntry.RecommendationRow> recommendations, List<AuditEvent.ShownCard> cards) {
        EventRow(long id, Instant time, String service, String hook, String patientKey, String patientId,
                 String knowledgeVersion, String rulesetVersion, String inputJson, AuditEntry.Origin origin) {
            this(id, time, service, hook, patientKey, patientId, knowledgeVersion, rulesetVersion, inputJson, origin,
                new ArrayList<>(), new ArrayList<>());
        }

        AuditEvent event() {
            return new AuditEvent(id, time, service, hook, patientKey, patientId, knowledgeVersion, rulesetVersion,
                inputJson, recommendations, cards, origin);
        }
    }
}
