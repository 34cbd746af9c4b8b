package io.stratum.api.spi;

import io.stratum.api.Api;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What differs between databases when logs, events, claimed states and scheduled runs are written in
 * bulk (reference §4.34 write path): how rows are best sent. Duplicate events are skipped the same way
 * on both ({@code INSERT … ON CONFLICT (id) DO NOTHING}).
 */
@Api(Api.Status.EXPERIMENTAL)
public interface BulkWriteSql {

    /** The two ways of sending many rows. */
    enum RowStatements {
        /**
         * {@code INSERT … VALUES (…), (…), …}, as many rows per statement as the bind-parameter limit
         * allows: one round trip per statement to a server (PostgreSQL).
         */
        MULTI_ROW,
        /**
         * One prepared single-row {@code INSERT}, executed once per row as a JDBC batch: for an embedded
         * database there are no round trips to save, and the engine parses a multi-row statement (a
         * compound of one-row SELECTs) per slice where a prepared statement is parsed once (SQLite).
         */
        BATCHED_SINGLE_ROW,
        /**
         * Plain rows streamed with the database's bulk-load protocol, one statement per call
         * ({@link #copyRows}: PostgreSQL {@code COPY … FROM STDIN}, about 1.2× multi-row INSERTs in
         * docs/benchmarks.md); rows whose conflicts are skipped, which a COPY cannot do, in
         * {@link #MULTI_ROW} INSERTs.
         */
        COPY
    }

    RowStatements rowStatements();

    /**
     * Loads rows into {@code table} with the bulk-load protocol ({@link RowStatements#COPY} only), in the
     * connection's current transaction. {@code rows} holds {@code valuesPerRow} values per row, in the
     * order of {@code columns} (SQL text), of the types the dialect's {@link StorageValues} binds: UUID,
     * Instant, String (also JSON text), numbers, Boolean, or null.
     */
    default void copyRows(Connection connection, String table, String columns, int valuesPerRow, List<Object> rows)
            throws SQLException {
        throw new UnsupportedOperationException(getClass().getName() + " has no bulk-load protocol: its "
                + "rowStatements() must not be COPY");
    }

    /**
     * One column written by {@link #scheduledRunInsert}: its name as SQL text (quoted where the mapping
     * quotes it), its type as JDBC metadata names it ({@code TYPE_NAME} of
     * {@link java.sql.DatabaseMetaData#getColumns}), whether every row of the call holds the same value
     * ({@code shared}: bound once, not once per row), and {@code sameAs}: the SQL name of an earlier column
     * of the same list, per row and of the same type, whose value this column repeats in every row (a
     * run's {@code updated} its {@code created}, its expected start its scheduled time), so the values
     * travel once; {@code null} when it repeats none.
     */
    @Api(Api.Status.EXPERIMENTAL)
    record TypedColumn(String sql, String typeName, boolean shared, String sameAs) {

        /** A column that repeats no other. */
        public TypedColumn(String sql, String typeName, boolean shared) {
            this(sql, typeName, shared, null);
        }

        /** Whether the column's values travel as a parameter of their own, one value per row. */
        public boolean perRow() {
            return !shared && sameAs == null;
        }
    }

    /**
     * The scheduler's insert ({@code ScheduledRunInserts}) as one statement of constant shape per column
     * list, when the database can take every row of a call at once; empty (the default) when it cannot,
     * and the shared code then sends the rows as {@link #rowStatements()} says.
     *
     * <p>The statement takes, for the runs and then for the states, first one parameter per shared column
     * (its one value), then one per {@linkplain TypedColumn#perRow() per-row} column (that column's value
     * of every row, row {@code i} of every such parameter being one row), each group in the order given,
     * all bound with {@link #bindColumn}; a column {@linkplain TypedColumn#sameAs() the same as} another
     * takes no parameter and stores that column's values. It
     * inserts the {@code flow_run} rows whose {@code (flow_id, idempotency_key)} is neither stored nor taken
     * by an earlier row of the call ({@code ON CONFLICT DO NOTHING}), then the {@code flow_run_state} rows
     * whose {@code flow_run_id}
     * is a run it inserted, and returns one row per state inserted: its {@code flow_run_id} (column 1).
     * Columns left out get the table's defaults. {@code runColumns} includes {@code id} and
     * {@code stateColumns} includes {@code flow_run_id}, both per row.
     */
    default Optional<String> scheduledRunInsert(List<TypedColumn> runColumns, List<TypedColumn> stateColumns) {
        return Optional.empty();
    }

    /**
     * Binds one column's values (in the storage forms {@link StorageValues#bind} accepts; null stays null)
     * as parameter {@code index} of the {@link #scheduledRunInsert} statement: every row's value, or for a
     * {@linkplain TypedColumn#shared() shared} column the one value ({@code values} then holds just it).
     *
     * @throws UnsupportedOperationException when this database has no such statement
     */
    default void bindColumn(PreparedStatement statement, int index, TypedColumn column, List<?> values)
            throws SQLException {
        throw new UnsupportedOperationException("This database inserts scheduled runs row by row.");
    }

    /**
     * The statements sent in the same round trip as a statement over arrays bound per call that reads the
     * tables it writes (a batch of transitions), one just before it and one just after it, each returning
     * one row that the caller skips: {@code before} makes the database plan the statement once and keep
     * that plan, reading the tables by their keys however small they are when it is made; {@code after}
     * gives the transaction back the settings it had. Empty (the default): the statement is sent alone, as
     * a database that plans every statement when it runs needs.
     */
    default Optional<KeptPlan> keptPlan() {
        return Optional.empty();
    }

    /** See {@link #keptPlan()}: SQL run before and after the statement, in its transaction. */
    record KeptPlan(String before, String after) {
        /** The one text sent: {@code before}, the statement, {@code after}; its second result is the statement's. */
        public String around(String statement) {
            return before + ";\n" + statement + ";\n" + after;
        }
    }
}
