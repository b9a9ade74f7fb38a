package dev.eventqueue.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.EventQueueSettings;
import dev.eventqueue.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The IDE hints for the {@code eventqueue.*} settings (Spring's configuration metadata) are made
 * from the settings catalog. After a change to the catalog, rewrite them with {@code mvn -pl
 * eventqueue-spring-boot-starter -am test -Dtest=ConfigurationMetadataTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Deventqueue.metadata.write=true}.
 */
class ConfigurationMetadataTest {

    private static final Path FILE =
            Path.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");

    @Test
    void theMetadataDescribesEverySettingOfTheCatalog() throws IOException {
        String expected = metadata();
        if (Boolean.getBoolean("eventqueue.metadata.write")) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as(FILE + " is out of date: rewrite it as this class's comment says")
                .isEqualTo(expected);
    }

    static String metadata() {
        StringBuilder json = new StringBuilder("{\n  \"properties\": [");
        String separator = "\n";
        for (Setting<?> setting : EventQueueSettings.all()) {
            json.append(separator).append("    {\n");
            field(json, "name", SettingsBinder.propertyName(setting), true);
            field(json, "type", setting.type().getName(), true);
            String description = setting.description() + " Allowed: " + setting.range() + ". Environment variable: "
                    + setting.environmentName() + ".";
            if (setting.defaultValue() == null) {
                description += " Default: " + setting.defaultText() + ".";
            }
            boolean hasDefault = setting.defaultValue() != null;
            field(json, "description", description, hasDefault);
            if (hasDefault) {
                json.append("      \"defaultValue\": ")
                        .append(defaultValue(setting.defaultValue()))
                        .append('\n');
            }
            json.append("    }");
            separator = ",\n";
        }
        return json.append("\n  ]\n}\n").toString();
    }

    private static void field(StringBuilder json, String name, String value, boolean more) {
        json.append("      \"").append(name).append("\": ").append(quote(value)).append(more ? ",\n" : "\n");
    }

    private static String defaultValue(Object value) {
        if (value instanceof Duration duration) {
            return quote(duration.toMillis() + "ms");
        }
        if (value instanceof Enum<?> constant) {
            return quote(constant.name().toLowerCase(Locale.ROOT));
        }
        if (value instanceof String text) {
            return quote(text);
        }
        return String.valueOf(value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
