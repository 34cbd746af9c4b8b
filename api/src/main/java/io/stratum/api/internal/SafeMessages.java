package io.stratum.api.internal;

import io.stratum.api.DatabaseSettings;
import io.stratum.api.Redaction;

/** Error text safe to show: the password and URL credentials removed. */
final class SafeMessages {
    private SafeMessages() {
    }

    static String message(Throwable error, DatabaseSettings settings) {
        return Redaction.text(String.valueOf(error.getMessage()), settings.password().orElse(null));
    }
}
