package io.stratum.queries.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.stratum.api.model.StateType;
import io.stratum.api.query.GraphNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The flow run graph built from the rows of the nodes query ({@link io.stratum.api.spi.RunGraphSql}),
 * the same way for every database: the edges matched from the task inputs, each list ordered, the
 * window applied and the nodes ordered, as {@link io.stratum.api.query.FlowRunGraphs#graph} describes.
 *
 * <p>The rules the SQL of both databases used to follow, kept exactly: an edge comes from an argument
 * (an object inside an array under a key of the task's {@code task_inputs} object) whose {@code id} is a
 * string naming another node of the run, hyphenated, in any letter case; under the key
 * {@code __parents__} the named node encapsulates the task, under any other it is a parent (and the task
 * its child); anything else in the inputs makes no edge. Every list names a node once, ordered by that
 * node's start, then id; nodes are ordered by start, then end (unended last), then id; ids compare as
 * their text (PostgreSQL's {@code uuid} order, and SQLite's of the stored text). Inputs that are not
 * JSON at all (SQLite stores text) make no edge instead of failing the graph.
 */
final class RunGraphAssembly {
    /**
     * Buffers from a shared pool: the default pool is a thread local, and looking it up again for each
     * of a graph's thousands of small documents was a tenth of the time of building the graph.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build();
    private static final String ENCAPSULATING_KEY = "__parents__";

    /** Ids in the order of their text: PostgreSQL compares {@code uuid}s as unsigned bytes. */
    static final Comparator<UUID> ID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    /** Graph order: start, then end (unended last), then id. */
    private static final Comparator<Candidate> NODE_ORDER = (a, b) -> {
        int start = a.startTime().compareTo(b.startTime());
        if (start != 0) {
            return start;
        }
        if (a.endTime() != b.endTime()) {
            if (a.endTime() == null || b.endTime() == null) {
                return a.endTime() == null ? 1 : -1;
            }
            int end = a.endTime().compareTo(b.endTime());
            if (end != 0) {
                return end;
            }
        }
        return ID_ORDER.compare(a.id(), b.id());
    };

    /** List order: start, then id. */
    private static final Comparator<Candidate> LIST_ORDER = (a, b) -> {
        int start = a.startTime().compareTo(b.startTime());
        return start != 0 ? start : ID_ORDER.compare(a.id(), b.id());
    };

    private RunGraphAssembly() {
    }

    /** A row of the nodes query: a node of the run, before the window, with its task's inputs (JSON text). */
    record Candidate(GraphNode.Kind kind, UUID id, String label, StateType stateType, String stateName,
                     Instant startTime, Instant endTime, String taskInputs) {
    }

    /** A node of the window with its lists. */
    record Node(Candidate candidate, List<UUID> parents, List<UUID> children, List<UUID> encapsulating) {
    }

    /**
     * The nodes that did not end before {@code since} ({@code null}: all), in graph order, with their
     * lists; {@code null} when there are more than {@code maxNodes} of them (before any edge is matched).
     */
    static List<Node> build(List<Candidate> candidates, Instant since, int maxNodes) {
        List<Integer> window = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Instant end = candidates.get(i).endTime();
            if (since == null || end == null || !end.isBefore(since)) {
                window.add(i);
            }
        }
        if (window.size() > maxNodes) {
            return null;
        }
        window.sort((a, b) -> NODE_ORDER.compare(candidates.get(a), candidates.get(b)));
        Lists lists = edges(candidates);
        List<Node> nodes = new ArrayList<>(window.size());
        for (int i : window) {
            nodes.add(new Node(candidates.get(i), lists.parents[i], lists.children[i], lists.encapsulating[i]));
        }
        return nodes;
    }

    /** How many of the candidates are in the window of {@code since} ({@code null}: all). */
    static int inWindow(List<Candidate> candidates, Instant since) {
        int count = 0;
        for (Candidate candidate : candidates) {
            Instant end = candidate.endTime();
            if (since == null || end == null || !end.isBefore(since)) {
                count++;
            }
        }
        return count;
    }

    /** The three lists of every candidate. */
    private record Lists(List<UUID>[] parents, List<UUID>[] children, List<UUID>[] encapsulating) {
    }

    /**
     * Every edge between two candidates, as sortable longs: the node whose list it is in the high half,
     * the rank of the listed node (its place by start, then id) in the low half, so that one sort of each
     * kind groups the lists and orders them, and repeats fall next to each other.
     */
    private static Lists edges(List<Candidate> candidates) {
        int count = candidates.size();
        Integer[] byRank = new Integer[count];
        for (int i = 0; i < count; i++) {
            byRank[i] = i;
        }
        Arrays.sort(byRank, (a, b) -> LIST_ORDER.compare(candidates.get(a), candidates.get(b)));
        int[] rank = new int[count];
        for (int r = 0; r < count; r++) {
            rank[byRank[r]] = r;
        }
        IdIndex indexOf = new IdIndex(candidates);
        LongList parentEdges = new LongList();
        LongList childEdges = new LongList();
        LongList encapsulatingEdges = new LongList();
        IntList found = new IntList();
        for (int child = 0; child < count; child++) {
            found.clear();
            if (!references(candidates.get(child).taskInputs(), indexOf, found)) {
                continue;
            }
            for (int k = 0; k < found.size; k++) {
                int reference = found.values[k];
                if (reference < 0) {
                    encapsulatingEdges.add((long) child << 32 | rank[-reference - 1]);
                } else {
                    parentEdges.add((long) child << 32 | rank[reference]);
                    childEdges.add((long) reference << 32 | rank[child]);
                }
            }
        }
        return new Lists(lists(parentEdges, count, byRank, candidates), lists(childEdges, count, byRank, candidates),
                lists(encapsulatingEdges, count, byRank, candidates));
    }

    @SuppressWarnings("unchecked")
    private static List<UUID>[] lists(LongList edges, int count, Integer[] byRank, List<Candidate> candidates) {
        List<UUID>[] lists = new List[count];
        Arrays.fill(lists, List.of());
        long[] sorted = Arrays.copyOf(edges.values, edges.size);
        Arrays.sort(sorted);
        UUID[] ids = new UUID[sorted.length];
        int from = 0;
        while (from < sorted.length) {
            int owner = (int) (sorted[from] >>> 32);
            int size = 0;
            int to = from;
            for (; to < sorted.length && (int) (sorted[to] >>> 32) == owner; to++) {
                if (to == from || sorted[to] != sorted[to - 1]) {
                    ids[size++] = candidates.get(byRank[(int) sorted[to]]).id();
                }
            }
            // Immutable already, so the graph's nodes keep them without copying.
            lists[owner] = List.of(Arrays.copyOf(ids, size));
            from = to;
        }
        return lists;
    }

    /**
     * The candidates the task inputs name, into {@code found}: a parent as its index, an encapsulating
     * node as {@code -(index + 1)}. False (and nothing found) for inputs that are absent or not JSON.
     */
    private static boolean references(String taskInputs, IdIndex indexOf, IntList found) {
        // "{}" and shorter name nothing: the common case of a task without inputs skips the parser.
        if (taskInputs == null || taskInputs.length() <= 2) {
            return false;
        }
        try (JsonParser json = JSON.createParser(taskInputs)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                boolean encapsulating = ENCAPSULATING_KEY.equals(json.currentName());
                if (json.nextToken() != JsonToken.START_ARRAY) {
                    json.skipChildren();
                    continue;
                }
                JsonToken argument;
                while ((argument = json.nextToken()) != JsonToken.END_ARRAY) {
                    if (argument != JsonToken.START_OBJECT) {
                        json.skipChildren();
                        continue;
                    }
                    int named = indexOf.named(argumentId(json));
                    if (named >= 0) {
                        found.add(encapsulating ? -named - 1 : named);
                    }
                }
            }
            return true;
        } catch (IOException notJson) {
            found.clear();
            return false;
        }
    }

    /** The first {@code id} member of the argument object the parser is at, if it is a string; the parser ends on the object's end. */
    private static String argumentId(JsonParser json) throws IOException {
        String id = null;
        boolean seen = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            boolean isId = !seen && "id".equals(json.currentName());
            JsonToken value = json.nextToken();
            if (isId) {
                seen = true;
                if (value == JsonToken.VALUE_STRING) {
                    id = json.getText();
                }
            }
            json.skipChildren();
        }
        return id;
    }

    /**
     * The candidates by id, for the ids the task inputs name: both halves of each id in arrays probed
     * in turn, so that a lookup makes no {@link UUID} and follows no reference. (A {@code HashMap} of
     * UUIDs took a fifth of the graph's Java time, against a tenth for the same lookups in the
     * hand-written floor: boxed keys, scattered nodes.)
     */
    static final class IdIndex {
        private final long[] high;
        private final long[] low;
        /** The candidate's index plus one; 0 marks a free slot. */
        private final int[] index;
        private final int mask;

        IdIndex(List<Candidate> candidates) {
            int slots = Integer.highestOneBit(Math.max(1, candidates.size()) * 2) << 1;
            high = new long[slots];
            low = new long[slots];
            index = new int[slots];
            mask = slots - 1;
            for (int i = 0; i < candidates.size(); i++) {
                UUID id = candidates.get(i).id();
                int slot = slot(id.getMostSignificantBits(), id.getLeastSignificantBits());
                if (index[slot] == 0) {
                    high[slot] = id.getMostSignificantBits();
                    low[slot] = id.getLeastSignificantBits();
                    index[slot] = i + 1;
                }
            }
        }

        /** The slot of the id, or the free slot where it would go. */
        private int slot(long idHigh, long idLow) {
            long mixed = (idHigh ^ Long.rotateLeft(idLow, 32)) * 0x9E3779B97F4A7C15L;
            int slot = (int) (mixed >>> 32) & mask;
            while (index[slot] != 0 && (high[slot] != idHigh || low[slot] != idLow)) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        /**
         * The index of the candidate that text names, or -1: text must be a UUID in the 8-4-4-4-12 hex
         * form, letters of either case, nothing around it (what the databases matched as
         * {@code lower(text) = id::text}; {@link UUID#fromString} would also take shortened groups).
         */
        int named(String text) {
            if (text == null || text.length() != 36) {
                return -1;
            }
            long idHigh = 0;
            long idLow = 0;
            for (int i = 0; i < 36; i++) {
                char c = text.charAt(i);
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    if (c != '-') {
                        return -1;
                    }
                    continue;
                }
                int digit = c < HEX.length ? HEX[c] : -1;
                if (digit < 0) {
                    return -1;
                }
                if (i < 18) {
                    idHigh = idHigh << 4 | digit;
                } else {
                    idLow = idLow << 4 | digit;
                }
            }
            return index[slot(idHigh, idLow)] - 1;
        }
    }

    /** The value of each hex digit character, either case; -1 for any other character below 128. */
    private static final byte[] HEX = new byte[128];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int digit = 0; digit < 16; digit++) {
            HEX[Character.forDigit(digit, 16)] = (byte) digit;
            HEX[Character.toUpperCase(Character.forDigit(digit, 16))] = (byte) digit;
        }
    }

    /** A growable list of longs. */
    private static final class LongList {
        long[] values = new long[64];
        int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }

    /** A growable list of ints. */
    private static final class IntList {
        int[] values = new int[16];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void clear() {
            size = 0;
        }
    }
}
