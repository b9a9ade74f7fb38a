package dev.eventqueue.docs;

import dev.eventqueue.EventQueueSettings;
import dev.eventqueue.Setting;
import java.time.Duration;

/** Renders the settings catalog as the table of docs/configuration.md. */
final class ConfigurationReference {

    static final String BEGIN = "<!-- generated from EventQueueSettings: do not edit by hand -->";
    static final String END = "<!-- end of generated table -->";

    private ConfigurationReference() {}

    static String table() {
        StringBuilder table = new StringBuilder()
                .append("| environment variable | property | builder method | default | allowed values | meaning |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Setting<?> setting : EventQueueSettings.all()) {
            table.append("| `")
                    .append(setting.environmentName())
                    .append("` | `eventqueue.")
                    .append(setting.propertyName())
                    .append("` | `")
                    .append(setting.builderName())
                    .append("` | ")
                    .append(defaultOf(setting))
                    .append(" | ")
                    .append(cell(setting.range()))
                    .append(" | ")
                    .append(cell(setting.description()))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The document with the text between the markers replaced by the current table. */
    static String render(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("the generated-table markers are missing from docs/configuration.md");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + table() + document.substring(end);
    }

    private static String defaultOf(Setting<?> setting) {
        if (setting.defaultValue() == null) {
            return cell(setting.defaultText()); // derived from other settings, said in words
        }
        String text = "`" + setting.defaultText() + "`";
        return setting.defaultValue() instanceof Duration duration ? text + " (" + words(duration) + ")" : text;
    }

    private static String words(Duration duration) {
        if (duration.toMillis() % 86_400_000 == 0) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (duration.toMillis() % 3_600_000 == 0) {
            return duration.toHours() + " h";
        }
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
