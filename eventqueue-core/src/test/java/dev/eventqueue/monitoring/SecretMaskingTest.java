package dev.eventqueue.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskingTest {

    private static final String SECRET = "S3cr3t-Planted-42";

    /** Parameter names real JDBC drivers and clients take secrets in. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "password", // PostgreSQL, MariaDB, MySQL, H2
                "PASSWORD",
                "sslpassword", // PostgreSQL
                "sslPassword",
                "password1", // MariaDB multi-factor
                "password2",
                "keyStorePassword", // MariaDB
                "trustStorePassword",
                "trustCertificateKeyStorePassword", // MySQL
                "clientCertificateKeyStorePassword",
                "oracle.net.wallet_password", // Oracle
                "private_key_file_pwd", // Snowflake
                "secretKey", // AWS JDBC wrapper
                "clientSecret", // Azure
                "client_secret",
                "apiKey",
                "api_key",
                "access_token",
                "authToken",
                "passwd",
                "pwd",
                "FILE_PASSWORD"
            })
    void masksTheValueOfEverySecretParameterInUrlsAndProperties(String name) {
        assertThat(SecretMasking.mask("jdbc:postgresql://db:5432/app?ssl=true&" + name + "=" + SECRET + "&x=1"))
                .doesNotContain(SECRET)
                .contains(name + "=***")
                .contains("ssl=true")
                .endsWith("&x=1");
        assertThat(SecretMasking.mask("jdbc:h2:./data/q;" + name + "=" + SECRET + ";MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:./data/q;" + name + "=***;MODE=PostgreSQL");
        assertThat(SecretMasking.mask("jdbc:mariadb://db/app?user=u&" + name + "=" + SECRET))
                .isEqualTo("jdbc:mariadb://db/app?user=u&" + name + "=***");
        assertThat(SecretMasking.mask("{\"" + name + "\":\"" + SECRET + "\",\"user\":\"u\"}"))
                .isEqualTo("{\"" + name + "\":\"***\",\"user\":\"u\"}");
        assertThat(SecretMasking.mask("Connection refused (" + name + ": " + SECRET + ")"))
                .isEqualTo("Connection refused (" + name + ": ***)");
    }

    @Test
    void masksTheUserInfoPasswordAndBearerTokens() {
        assertThat(SecretMasking.mask("postgresql://app:" + SECRET + "@db.example.com:5432/app failed"))
                .isEqualTo("postgresql://app:***@db.example.com:5432/app failed");
        assertThat(SecretMasking.mask("401 with Authorization: Bearer eyJhbGciOi.abc-def_ghi"))
                .doesNotContain("eyJhbGciOi");
    }

    @Test
    void leavesOrdinaryTextAloneAndIsIdempotent() {
        String ordinary = "jdbc:postgresql://db:5432/app?user=app&ssl=true&ApplicationName=orders; timeout=5";
        assertThat(SecretMasking.mask(ordinary)).isEqualTo(ordinary);
        String once = SecretMasking.mask("password=" + SECRET + "&sslpassword=" + SECRET);
        assertThat(SecretMasking.mask(once)).isEqualTo(once).isEqualTo("password=***&sslpassword=***");
        assertThat(SecretMasking.mask(null)).isNull();
    }

    @Test
    void longTextWithoutSecretsComesBackUnchanged() {
        String longWord = "y".repeat(200_000);
        String manyWords = "word ".repeat(50_000);
        assertThat(SecretMasking.mask(longWord)).isEqualTo(longWord);
        assertThat(SecretMasking.mask(manyWords)).isEqualTo(manyWords);
    }
}
