/**
 * The audit trail of the decision support: what was recommended, for which (pseudonymous) patient, on what data and
 * with which rules, and what clinicians did with each card ({@link org.netlm.audit.AuditStore}).
 *
 * <p>The store is JDBC through a HikariCP pool with its schema created and migrated by Flyway: an embedded H2 file
 * database by default ({@link org.netlm.audit.AuditConfig#embedded}), any JDBC URL (PostgreSQL tested) in
 * production. Every write is one transaction: a failed write throws {@link org.netlm.audit.AuditUnavailableException}
 * and leaves nothing half-written. The dependencies (Flyway, HikariCP, H2, the PostgreSQL driver) are optional
 * for embedders: only code that opens a store needs them.
 */
package org.netlm.audit;
