package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code dropSchema()} removes every table and function {@code createSchemaIfMissing()} made, and only those. */
class DropSchemaTest {

    private DataSource dataSource;
    private String table;
    private String neighbour;

    @AfterEach
    void tearDown() {
        TestDatabases.drop(dataSource, table);
        TestDatabases.drop(dataSource, neighbour);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void removesWhatTheSchemaMadeAndNothingElse(TestDatabases.Kind kind) throws SQLException {
        dataSource = kind.dataSource();
        table = TestDatabases.uniqueTable("drop");
        neighbour = table + "x";
        JdbcEventQueueRepository repository = repository(table);
        JdbcEventQueueRepository other = repository(neighbour);
        long made = objectsNamedAfter(kind, table);
        long othersMade = objectsNamedAfter(kind, neighbour);
        // the queue table and its nodes table; on PostgreSQL also the entries by event and two functions
        assertThat(made - othersMade).isEqualTo(kind == TestDatabases.Kind.POSTGRESQL ? 5 : 2);

        repository.dropSchema();

        assertThat(objectsNamedAfter(kind, table)).isEqualTo(othersMade); // what is left is the neighbour's
        assertThat(objectsNamedAfter(kind, neighbour)).isEqualTo(othersMade);
        assertThat(other.countByStatus().pending()).isZero();

        repository.dropSchema(); // nothing left to drop: no error
        repository.close();
        other.close();
    }

    private JdbcEventQueueRepository repository(String name) {
        return JdbcEventQueueRepository.builder(dataSource)
                .tableName(name)
                .createSchema(true)
                .build();
    }

    /** Tables and functions whose name starts with the prefix, in the current database or schema. */
    private long objectsNamedAfter(TestDatabases.Kind kind, String prefix) throws SQLException {
        String sql = switch (kind) {
            case POSTGRESQL ->
                "SELECT (SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE ?)"
                        + " + (SELECT count(*) FROM pg_proc WHERE proname LIKE ?)";
            case MARIADB ->
                "SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() AND lower(table_name) LIKE ?";
            case H2 ->
                "SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = SCHEMA() AND lower(table_name) LIKE ?";
        };
        String pattern = prefix.replace("_", "\\_") + "%";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setString(i, pattern);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
