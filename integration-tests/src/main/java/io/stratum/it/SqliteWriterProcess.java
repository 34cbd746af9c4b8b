package io.stratum.it;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Stratum;
import io.stratum.api.model.StateType;
import io.stratum.api.query.StateTransitions;
import io.stratum.orm.model.FlowRunEntity;
import io.stratum.orm.model.FlowRunStateEntity;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A separate server process writing to a SQLite database until it is killed: the crash test
 * ({@code FaultKillSqliteTest}) starts it with a plain
 * {@code java --module-path … --module io.stratum.it/io.stratum.it.SqliteWriterProcess <flow id> <threads>}
 * and kills it with SIGKILL mid-workload.
 *
 * <p>Reads the database from the {@code STRATUM_DATABASE_*} environment (already migrated by the
 * parent). Each of the threads commits, over and over, one transaction that creates a flow run of the
 * given flow and moves it through SCHEDULED and PENDING (a run row, two state rows, the run pointed at
 * its current state). Only after {@code inTransactionForUpdate} returned does it print
 * {@code committed <run id>} on stdout, so every id printed is an acknowledged commit. Prints
 * {@code ready} once the interface is open.
 */
public final class SqliteWriterProcess {
    private SqliteWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        UUID flowId = UUID.fromString(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        DatabaseSettings settings = DatabaseSettings.fromEnvironment().toBuilder().migrateOnStart(false).build();
        DatabaseInterface db = Stratum.open(settings);
        StateTransitions transitions = db.queries().transitions();
        out.println("ready");
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread writer = new Thread(() -> {
                while (true) {
                    UUID runId = db.inTransactionForUpdate(session -> {
                        FlowRunEntity run = new FlowRunEntity(flowId);
                        session.persist(run);
                        transitions.setFlowRunState(session, run.getId(),
                                new FlowRunStateEntity(StateType.SCHEDULED, "Scheduled"));
                        transitions.setFlowRunState(session, run.getId(),
                                new FlowRunStateEntity(StateType.PENDING, "Pending"));
                        return run.getId();
                    });
                    out.println("committed " + runId);
                }
            }, "writer-" + i);
            writer.setUncaughtExceptionHandler((thread, error) -> {
                error.printStackTrace();
                System.exit(1);
            });
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }
}
