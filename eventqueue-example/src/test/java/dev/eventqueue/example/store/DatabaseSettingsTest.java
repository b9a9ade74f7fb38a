package dev.eventqueue.example.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void passwordsInUrlsAreMasked() {
        assertThat(DatabaseSettings.mask("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true");
        assertThat(DatabaseSettings.mask("jdbc:h2:./data/x;PASSWORD=s3cret;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:./data/x;PASSWORD=***;AUTO_SERVER=TRUE");
        assertThat(DatabaseSettings.mask("jdbc:mysql://app:s3cret@db:3306/app"))
                .isEqualTo("jdbc:mysql://app:***@db:3306/app");
    }

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseSettings settings = new DatabaseSettings(
                "jdbc:postgresql://db/app?password=inurl",
                "app",
                "s3cret",
                "event_queue",
                "event_audit_log",
                "attempts");

        assertThat(settings.toString())
                .doesNotContain("s3cret")
                .doesNotContain("inurl")
                .contains("password=***");
    }

    @Test
    void rejectsNonJdbcUrlsAndBadTableNames() {
        assertThatThrownBy(() -> new DatabaseSettings("postgres://u:pw@db/app", null, null, "q", "a", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JDBC URL")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:h2:mem:x", null, null, "q; drop table x", "a", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue table");
    }

    @Test
    void knowsEmbeddedH2Files() {
        assertThat(settings(DatabaseSettings.DEFAULT_URL).isH2File()).isTrue();
        assertThat(settings("jdbc:h2:file:/tmp/x").isH2File()).isTrue();
        assertThat(settings("jdbc:h2:mem:x").isH2File()).isFalse();
        assertThat(settings("jdbc:h2:tcp://localhost/x").isH2File()).isFalse();
        assertThat(settings("jdbc:postgresql://localhost/x").isH2File()).isFalse();
        assertThat(settings("jdbc:postgresql://localhost/x").productName()).isEqualTo("PostgreSQL");
    }

    private static DatabaseSettings settings(String url) {
        return new DatabaseSettings(url, null, null, "event_queue", "event_audit_log", "attempts");
    }
}
