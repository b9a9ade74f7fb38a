package dev.eventqueue.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

class DatabaseUrlsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true | jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true",
                "jdbc:mariadb://db/app?password=s3cret | jdbc:mariadb://db/app?password=***",
                "jdbc:mysql://app:s3cret@db:3306/app | jdbc:mysql://app:***@db:3306/app",
                "jdbc:h2:mem:x;PASSWORD=s3cret;MODE=PostgreSQL | jdbc:h2:mem:x;PASSWORD=***;MODE=PostgreSQL",
                "jdbc:postgresql://db/app | jdbc:postgresql://db/app"
            })
    void passwordsAreMasked(String url, String shown) {
        assertThat(DatabaseUrls.withoutPassword(url)).isEqualTo(shown).doesNotContain("s3cret");
    }

    @Test
    void theUrlOfADriverDataSourceIsFoundWithoutItsPassword() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"db.example"});
        dataSource.setDatabaseName("app");
        dataSource.setUser("app");
        dataSource.setPassword("s3cret");

        assertThat(DatabaseUrls.describe(dataSource))
                .contains("db.example")
                .contains("app")
                .doesNotContain("s3cret");
    }
}
