package dev.eventqueue.bench.harness;

import java.util.LinkedHashMap;

/**
 * One measured configuration (a row of a result table). The runner calls {@link #setUp()} once,
 * {@link #run(boolean)} once as warm-up and then once per measured run, and {@link #tearDown()}
 * at the end, whatever happened.
 */
public interface Case {

    /** Which result table the row belongs to. */
    Table table();

    /** The row's identifying columns, in order (store, dispatchers, handlers...). */
    LinkedHashMap<String, String> labels();

    /**
     * The store label of the {@link Table#RAW} row whose rates this row is shown against, or
     * {@code null} for none.
     */
    default String rawReference() {
        return null;
    }

    default void setUp() throws Exception {}

    /** One run; a warm-up run may use a smaller size. Returns the run's figures by metric name. */
    Metrics run(boolean warmUp) throws Exception;

    default void tearDown() throws Exception {}

    /** Cases of one kind run the same code (table and store); the first of a kind gets an extra warm-up. */
    default String warmUpKind() {
        return table() + " " + labels().get("store");
    }

    /**
     * Consecutive cases with the same group take their measured runs in turn (run 1 of each, then
     * run 2 of each...), for rows that are only read as ratios to each other; {@code null}: one case
     * after the other.
     */
    default String interleaveGroup() {
        return null;
    }

    /** A short description for progress lines. */
    default String describe() {
        return table().title() + " " + String.join(", ", labels().values());
    }
}
