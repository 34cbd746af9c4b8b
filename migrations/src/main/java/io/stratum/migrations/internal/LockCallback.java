package io.stratum.migrations.internal;

import java.sql.SQLException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.FlywayException;

/**
 * Runs inside each revision's transaction, at its start and at its end: checks (and on SQLite renews)
 * the migration lock, and remembers which revision is running so a failure can name it.
 */
final class LockCallback implements Callback {
    private final MigrationLock lock;
    private volatile MigrationInfo running;

    LockCallback(MigrationLock lock) {
        this.lock = lock;
    }

    /** The revision that started but did not finish, if any. */
    MigrationInfo running() {
        return running;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE) {
            running = context.getMigrationInfo();
        }
        try {
            lock.verify(context.getConnection());
        } catch (SQLException e) {
            throw new FlywayException("Checking the migration lock failed: " + e.getMessage(), e);
        }
        if (event == Event.AFTER_EACH_MIGRATE) {
            running = null;
        }
    }

    @Override
    public String getCallbackName() {
        return "stratum-migration-lock";
    }
}
