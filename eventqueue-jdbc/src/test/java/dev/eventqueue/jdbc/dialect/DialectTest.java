package dev.eventqueue.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventqueue.jdbc.testsupport.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DialectTest {

    @ParameterizedTest
    @CsvSource({"PostgreSQL, POSTGRESQL", "MariaDB, MARIADB", "MySQL, MYSQL", "H2, H2", "mariadb, MARIADB"})
    void productNamesMapToDialects(String productName, Dialect expected) {
        assertThat(Dialect.fromProductName(productName)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Oracle", "Microsoft SQL Server", "HSQL Database Engine", ""})
    void unsupportedDatabasesAreRejectedByName(String productName) {
        assertThatThrownBy(() -> Dialect.fromProductName(productName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported database '" + productName + "'")
                .hasMessageContaining("set the dialect explicitly");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void detectsTheDialectOfEachRealDatabase(TestDatabases.Kind kind) throws Exception {
        try (Connection connection = kind.dataSource().getConnection()) {
            assertThat(Dialect.detect(connection)).hasToString(kind.name());
        }
    }
}
