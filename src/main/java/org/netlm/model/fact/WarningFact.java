package org.netlm.model.fact;

import org.netlm.model.WarningCode;

/** Derived fact: a data-quality or scope warning raised by a rule. Immutable. */
public final class WarningFact {
    private final WarningCode code;
    private final String message;

    public WarningFact(WarningCode code, String message) {
        this.code = code;
        this.message = message;
    }

    public static WarningFact of(WarningCode code, String message) {
        return new WarningFact(code, message);
    }

    public WarningCode getCode() {
        return code;
    }

    public String getMessage() {
        return message;
    }

    @Override
    public String toString() {
        return "WarningFact[" + code + "]";
    }
}
