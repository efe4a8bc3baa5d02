package org.netlm.service;

/** A request whose bearer token is refused: the reason goes into the 401 body (never the token). */
final class AuthException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    AuthException(String reason) {
        this(401, reason);
    }

    AuthException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
