package io.stratum.cli.internal;

import io.stratum.api.MigrationListener;
import io.stratum.api.Revision;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints a migration's progress as it runs, at the default verbosity: the wait for the lock (on stderr,
 * naming the holder), then each revision this process applied or reverted (on stdout), or why there was
 * nothing to do.
 */
final class Progress implements MigrationListener {
    private final Context context;
    private final String applied;
    private final long started = System.nanoTime();
    private Optional<String> current = Optional.empty();
    private Optional<String> waitedFor = Optional.empty();
    private boolean planned;

    /** @param applied "Applied" or "Reverted" */
    Progress(Context context, String applied) {
        this.context = context;
        this.applied = applied;
    }

    @Override
    public void waitingForLock(String holder, Duration waited, Duration timeout) {
        context.err.println("Waiting for the migration lock held by " + holder + " (" + seconds(waited) + " of lock_timeout "
                + seconds(timeout) + ")...");
        context.err.flush();
    }

    @Override
    public void planned(Optional<String> current, List<Revision> revisions, Optional<String> waitedFor) {
        this.current = current;
        this.waitedFor = waitedFor;
        this.planned = !revisions.isEmpty();
    }

    @Override
    public void applied(Revision revision, Duration took, int index, int count) {
        report(revision, took, index, count);
    }

    @Override
    public void reverted(Revision revision, Duration took, int index, int count) {
        report(revision, took, index, count);
    }

    private void report(Revision revision, Duration took, int index, int count) {
        context.out.println(applied + " revision " + revision + " in " + seconds(took) + " [" + index + " of " + count + ", "
                + seconds(Duration.ofNanos(System.nanoTime() - started)) + " elapsed]");
        context.out.flush();
    }

    /** Whether the operation found nothing to do. */
    boolean nothingDone() {
        return !planned;
    }

    /** "revision 5 was already applied by <holder>" or "the database is already at revision 5". */
    String whyNothing() {
        String at = current.orElse("base");
        return waitedFor.isPresent() && current.isPresent()
                ? "revision " + at + " was already applied by " + waitedFor.get() + " while this process waited for the lock"
                : "the database is already at revision " + at;
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toNanos() / 1e9);
    }
}
