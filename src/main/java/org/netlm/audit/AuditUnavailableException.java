package org.netlm.audit;

/**
 * The audit store could not record or read (database down, disk full, schema failure). Nothing of the failed
 * operation was kept; a service answers 503 rather than show a card that was never recorded.
 */
public final class AuditUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
