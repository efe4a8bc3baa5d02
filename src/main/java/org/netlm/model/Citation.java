package org.netlm.model;

/**
 * A citation attached to a recommendation: the registry key, a short label, and the DOI / PMID where
 * they were verified ({@code null} otherwise: an unverified identifier is never shown).
 */
public record Citation(String key, String label, String doi, String pmid) {
}
