package io.stratum.example.consumer;

import io.stratum.api.DatabaseInterface;
import io.stratum.api.DatabaseSettings;
import io.stratum.api.Revision;
import io.stratum.api.Stratum;
import io.stratum.orm.model.FlowEntity;
import io.stratum.orm.model.FlowRunEntity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Opens the database named by {@code STRATUM_DATABASE_URL} (with {@code STRATUM_DATABASE_USER} and
 * {@code STRATUM_DATABASE_PASSWORD}; default: a new SQLite file in a temporary folder), upgrades it,
 * writes a flow and a flow run, reads the run back and prints one line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseSettings fromEnvironment = DatabaseSettings.fromEnvironment();
        String url = System.getenv("STRATUM_DATABASE_URL");
        Path temporary = null;
        if (url == null || url.isBlank()) {
            temporary = Files.createTempDirectory("stratum-consumer-");
            url = "jdbc:sqlite:" + temporary.resolve("stratum.db");
        }
        DatabaseSettings settings = fromEnvironment.toBuilder().url(url).migrateOnStart(false).build();
        try (DatabaseInterface db = Stratum.open(settings)) {
            List<Revision> applied = db.migrations().upgrade("head");

            FlowEntity flow = new FlowEntity("consumer-example-" + UUID.randomUUID());
            FlowRunEntity run = new FlowRunEntity(flow.getId());
            db.inTransaction(session -> {
                session.persist(flow);
                session.persist(run);
                return null;
            });
            FlowRunEntity read = db.sessionContext(false, false, session -> session.find(FlowRunEntity.class, run.getId()));
            if (read == null || !read.getFlowId().equals(flow.getId())) {
                throw new IllegalStateException("The flow run just written was not read back");
            }
            System.out.println("Stratum consumer: " + db.dialect().id() + " database " + settings.redactedUrl()
                    + " upgraded to revision " + db.migrations().current().orElse("base") + " (" + applied.size()
                    + " applied); wrote and read flow run " + read.getId() + " of flow " + flow.getName());
        }
        if (temporary != null) {
            try (var files = Files.walk(temporary)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
