package io.stratum.dialect.postgres.internal;

import io.stratum.api.spi.BulkWriteSql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A server: plain rows (logs, event resources) go in one {@code COPY … FROM STDIN} per call, the fastest
 * way into PostgreSQL (1.2× multi-row INSERTs, which were 1.4× a JDBC batch, in docs/benchmarks.md);
 * rows whose conflicts are skipped in multi-row INSERTs.
 */
public final class PostgresBulkWriteSql implements BulkWriteSql {
    /** Characters of COPY text sent per message: bounds the memory of a large call. */
    private static final int CHUNK = 256 * 1024;

    @Override
    public RowStatements rowStatements() {
        return RowStatements.COPY;
    }

    @Override
    public void copyRows(Connection connection, String table, String columns, int valuesPerRow, List<Object> rows)
            throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        try {
            StringBuilder text = new StringBuilder(CHUNK + 4096);
            for (int row = 0; row < rows.size(); row += valuesPerRow) {
                for (int column = 0; column < valuesPerRow; column++) {
                    if (column > 0) {
                        text.append('\t');
                    }
                    CopyText.append(text, rows.get(row + column));
                }
                text.append('\n');
                if (text.length() >= CHUNK) {
                    send(copy, text);
                }
            }
            send(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.length() > 0) {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            text.setLength(0);
        }
    }
}
