package io.stratum.queries.internal;

import io.stratum.api.spi.BulkWriteSql;
import io.stratum.api.spi.BulkWriteSql.TypedColumn;
import io.stratum.api.spi.TransitionSql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One call of the dialect's statement for a batch of transitions ({@link TransitionSql#transitionOfRuns}):
 * which values travel and how. A column whose rows all hold one value travels once, a state column that
 * repeats a proposed one (the run id, the type, the name) or an earlier state column (a state's
 * {@code updated} its {@code created}) does not travel at all, and the rest travel as one array each.
 * A worker's batch moves its runs to one state at one time, so most of the 16 columns are bound once:
 * building, sending and parsing a hundred equal values per column was most of what the Java side and
 * the server's parameter parsing spent on a batch beyond the hand-written floor (JFR, issue 18).
 */
final class TransitionBatch {
    private final List<TypedColumn> proposed;
    private final List<TypedColumn> state;
    private final List<? extends List<?>> proposedValues;
    private final List<List<?>> stateValues;

    private TransitionBatch(List<TypedColumn> proposed, List<TypedColumn> state,
                            List<? extends List<?>> proposedValues, List<List<?>> stateValues) {
        this.proposed = proposed;
        this.state = state;
        this.proposedValues = proposedValues;
        this.stateValues = stateValues;
    }

    /**
     * The batch of {@code proposedValues} (one list per {@link TransitionSql#PROPOSED_COLUMNS} column, the run
     * ids first) and {@code stateValues} (one array per state column of {@code stateColumns}, in storage
     * form). {@code repeatsProposed} names, per state column, the proposed column it holds by construction,
     * or null.
     */
    static TransitionBatch of(List<? extends List<?>> proposedValues, List<TypedColumn> stateColumns,
                              List<Object[]> stateValues, List<String> repeatsProposed) {
        List<TypedColumn> proposed = new ArrayList<>(TransitionSql.PROPOSED_COLUMNS.size());
        for (int i = 0; i < TransitionSql.PROPOSED_COLUMNS.size(); i++) {
            TypedColumn column = TransitionSql.PROPOSED_COLUMNS.get(i);
            // The run ids always travel per row: they are what the rows are.
            proposed.add(new TypedColumn(column.sql(), column.typeName(), i > 0 && allEqual(proposedValues.get(i))));
        }
        List<TypedColumn> state = new ArrayList<>(stateColumns.size());
        List<List<?>> values = new ArrayList<>(stateColumns.size());
        for (int i = 0; i < stateColumns.size(); i++) {
            TypedColumn column = stateColumns.get(i);
            List<?> rows = Arrays.asList(stateValues.get(i));
            values.add(rows);
            String repeated = repeatsProposed.get(i);
            if (repeated != null) {
                state.add(new TypedColumn(column.sql(), column.typeName(), false, repeated));
            } else if (allEqual(rows)) {
                state.add(new TypedColumn(column.sql(), column.typeName(), true));
            } else {
                state.add(new TypedColumn(column.sql(), column.typeName(), false,
                        earlierSame(column, i, state, stateColumns, stateValues)));
            }
        }
        return new TransitionBatch(List.copyOf(proposed), List.copyOf(state), proposedValues, values);
    }

    /** The proposed columns as this batch sends them (see {@link TransitionSql#transitionOfRuns}). */
    List<TypedColumn> proposedColumns() {
        return proposed;
    }

    /** The state columns as this batch sends them. */
    List<TypedColumn> stateColumns() {
        return state;
    }

    /**
     * Binds the batch from parameter {@code first} on, in the order the statement takes them: the shared
     * columns' values (proposed, then state), then the per-row columns' arrays (proposed, then state).
     */
    void bind(PreparedStatement statement, int first, BulkWriteSql bulk) throws SQLException {
        int parameter = first;
        for (int i = 0; i < proposed.size(); i++) {
            if (proposed.get(i).shared()) {
                bulk.bindColumn(statement, parameter++, proposed.get(i), proposedValues.get(i).subList(0, 1));
            }
        }
        for (int i = 0; i < state.size(); i++) {
            if (state.get(i).shared()) {
                bulk.bindColumn(statement, parameter++, state.get(i), stateValues.get(i).subList(0, 1));
            }
        }
        for (int i = 0; i < proposed.size(); i++) {
            if (proposed.get(i).perRow()) {
                bulk.bindColumn(statement, parameter++, proposed.get(i), proposedValues.get(i));
            }
        }
        for (int i = 0; i < state.size(); i++) {
            if (state.get(i).perRow()) {
                bulk.bindColumn(statement, parameter++, state.get(i), stateValues.get(i));
            }
        }
    }

    private static boolean allEqual(List<?> values) {
        Object first = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            if (!Objects.equals(first, values.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** An earlier per-row state column of the same type holding the same value in every row, or null. */
    private static String earlierSame(TypedColumn column, int index, List<TypedColumn> decided,
                                      List<TypedColumn> stateColumns, List<Object[]> stateValues) {
        for (int earlier = 0; earlier < index; earlier++) {
            TypedColumn candidate = decided.get(earlier);
            if (candidate.perRow() && candidate.typeName().equals(column.typeName())
                    && Arrays.equals(stateValues.get(earlier), stateValues.get(index))) {
                return stateColumns.get(earlier).sql();
            }
        }
        return null;
    }
}
