package dev.eventqueue.jdbc;

import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryStatus;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An {@link EntryFilter} as an SQL condition and its bind values. Only placeholders go into the
 * text; every value the operator typed is a bind parameter.
 */
final class FilterSql {

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    private final StringBuilder condition = new StringBuilder("1 = 1");
    private final List<Binder> binders = new ArrayList<>();

    private FilterSql() {}

    static FilterSql of(EntryFilter filter, SqlDialect dialect) {
        FilterSql sql = new FilterSql();
        sql.in("status", filter.statuses().stream().map(EntryStatus::dbValue).toList(), false);
        sql.in("handler_name", List.copyOf(filter.handlers()), false);
        sql.in("handler_name", List.copyOf(filter.excludedHandlers()), true);
        sql.in("event_type", List.copyOf(filter.eventTypes()), false);
        if (filter.aggregateId() != null) {
            sql.condition.append(" AND aggregate_id = ?");
            sql.binders.add((statement, index) -> statement.setString(index, filter.aggregateId()));
        }
        if (filter.errorContains() != null) {
            String pattern = "%" + escapeLike(filter.errorContains().toLowerCase(Locale.ROOT)) + "%";
            sql.condition.append(" AND error IS NOT NULL AND LOWER(error) LIKE ? ESCAPE '!'");
            sql.binders.add((statement, index) -> statement.setString(index, pattern));
        }
        if (filter.updatedFrom() != null) {
            sql.condition.append(" AND updated_at >= ?");
            sql.binders.add((statement, index) -> dialect.setInstant(statement, index, filter.updatedFrom()));
        }
        if (filter.updatedBefore() != null) {
            sql.condition.append(" AND updated_at < ?");
            sql.binders.add((statement, index) -> dialect.setInstant(statement, index, filter.updatedBefore()));
        }
        return sql;
    }

    /** Adds a condition of its own, with one bound value. */
    FilterSql and(String clause, Object value) {
        condition.append(" AND ").append(clause);
        binders.add((statement, index) -> statement.setObject(index, value));
        return this;
    }

    String condition() {
        return condition.toString();
    }

    /** Binds the values from {@code index}; returns the next index. */
    int bind(PreparedStatement statement, int index) throws SQLException {
        for (Binder binder : binders) {
            binder.bind(statement, index++);
        }
        return index;
    }

    private void in(String column, List<String> values, boolean negated) {
        if (values.isEmpty()) {
            return;
        }
        condition
                .append(" AND ")
                .append(column)
                .append(negated ? " NOT IN (" : " IN (")
                .append(QueueStatements.placeholders(values.size()))
                .append(')');
        for (String value : values) {
            binders.add((statement, index) -> statement.setString(index, value));
        }
    }

    /** Escapes LIKE's wildcards with '!', which every supported database accepts as an escape. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
