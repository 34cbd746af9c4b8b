package io.stratum.migrations.internal;

import io.stratum.api.MigrationListener;
import io.stratum.api.Revision;
import io.stratum.api.spi.MigrationLock;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs inside each revision's transaction, at its start and at its end: checks (and on SQLite renews)
 * the migration lock, and remembers which revision is running so a failure can name it. Reports a
 * revision as applied only once it is committed: when the next one starts, or through {@link #finish}
 * after Flyway returns.
 */
final class LockCallback implements Callback {
    private final MigrationLock.Held lock;
    private final MigrationListener listener;
    private final List<Revision> plan;
    private volatile MigrationInfo running;
    private long runningSince;
    private Revision finished;
    private Duration finishedIn;
    private int reported;

    LockCallback(MigrationLock.Held lock, MigrationListener listener, List<Revision> plan) {
        this.lock = lock;
        this.listener = listener;
        this.plan = plan;
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
            // The previous revision's transaction has committed.
            finish();
            running = context.getMigrationInfo();
            runningSince = System.nanoTime();
        }
        try {
            lock.verify(context.getConnection());
        } catch (SQLException e) {
            throw new FlywayException("Checking the migration lock failed: " + e.getMessage(), e);
        }
        if (event == Event.AFTER_EACH_MIGRATE) {
            MigrationInfo info = context.getMigrationInfo();
            String id = info.getVersion() == null ? null : info.getVersion().getVersion();
            finished = plan.stream().filter(r -> r.id().equals(id)).findFirst()
                    .orElse(new Revision(String.valueOf(id), info.getDescription()));
            finishedIn = Duration.ofNanos(System.nanoTime() - runningSince);
            running = null;
        }
    }

    /** Reports the last finished revision, once its transaction has committed. */
    void finish() {
        if (finished != null) {
            listener.applied(finished, finishedIn, ++reported, plan.size());
            finished = null;
        }
    }

    @Override
    public String getCallbackName() {
        return "stratum-migration-lock";
    }
}
