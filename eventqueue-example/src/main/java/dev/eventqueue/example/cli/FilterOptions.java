package dev.eventqueue.example.cli;

import dev.eventqueue.queue.EntryFilter;
import dev.eventqueue.queue.EntryStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The entry filter options shared by entries, retry and purge; each one narrows the selection. */
final class FilterOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            split = ",",
            description = "Only entries in these statuses: pending, processing, completed, failed (repeatable).")
    List<String> statuses = new ArrayList<>();

    @Option(
            names = "--handler",
            paramLabel = "NAME",
            split = ",",
            description = "Only entries of these handlers, by full name (repeatable).")
    List<String> handlers = new ArrayList<>();

    @Option(
            names = "--event-type",
            paramLabel = "TYPE",
            split = ",",
            description = "Only entries of events of these types (repeatable).")
    List<String> eventTypes = new ArrayList<>();

    @Option(names = "--aggregate", paramLabel = "ID", description = "Only entries of events of this aggregate.")
    String aggregateId;

    @Option(
            names = "--error",
            paramLabel = "TEXT",
            description = "Only entries whose last error contains TEXT, ignoring case.")
    String errorContains;

    @Option(
            names = "--from",
            paramLabel = "INSTANT",
            description = "Only entries last changed at or after INSTANT, e.g. 2026-01-31T08:00:00Z.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "INSTANT",
            description = "Only entries last changed before INSTANT, e.g. 2026-01-31T09:00:00Z.")
    String to;

    /**
     * The filter these options describe.
     *
     * @throws ParameterException (a usage error) naming the option that is wrong
     */
    EntryFilter filter() {
        EntryFilter.Builder builder = EntryFilter.builder();
        List<EntryStatus> parsed = new ArrayList<>();
        for (String status : statuses) {
            try {
                parsed.add(EntryStatus.fromDbValue(status));
            } catch (IllegalArgumentException e) {
                throw usage("--status must be one of pending, processing, completed, failed, but was '" + status + "'");
            }
        }
        builder.statuses(parsed);
        handlers.forEach(builder::handler);
        eventTypes.forEach(builder::eventType);
        try {
            return builder.aggregateId(aggregateId)
                    .errorContains(errorContains)
                    .updatedFrom(instant("--from", from))
                    .updatedBefore(instant("--to", to))
                    .build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The filter as JSON-friendly text, to echo what a command selected. */
    java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        if (!statuses.isEmpty()) {
            json.put(
                    "status",
                    statuses.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
        }
        if (!handlers.isEmpty()) {
            json.put("handler", handlers);
        }
        if (!eventTypes.isEmpty()) {
            json.put("eventType", eventTypes);
        }
        if (aggregateId != null) {
            json.put("aggregateId", aggregateId);
        }
        if (errorContains != null) {
            json.put("error", errorContains);
        }
        if (from != null) {
            json.put("from", from);
        }
        if (to != null) {
            json.put("to", to);
        }
        return json;
    }

    private Instant instant(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw usage(option + " must be an instant in UTC such as 2026-01-31T08:00:00Z, but was '" + value + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
