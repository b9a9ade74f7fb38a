package dev.eventqueue.jdbc.json;

import dev.eventqueue.domain.DomainEvent;
import dev.eventqueue.serialization.EventPayloadException;
import dev.eventqueue.serialization.EventSerializer;
import dev.eventqueue.serialization.EventTypeRegistry;
import dev.eventqueue.serialization.EventUpcaster;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON for events, with Jackson 3. Reads back records, classes whose constructor parameter names
 * match their properties (compiled with {@code -parameters}; the constructor taking the most named
 * parameters is used), and classes with a no-arg constructor (properties set through setters or
 * fields, including the final {@code eventId} and {@code occurredAt} of
 * {@link dev.eventqueue.domain.AbstractDomainEvent}). Event id and occurrence time round-trip exactly.
 *
 * <p>Safety: the class is chosen by the stored event type through the {@link EventTypeRegistry},
 * never from the payload; class names in payloads are refused (no default typing, and a
 * polymorphic type validator that allows no class). Unknown properties are ignored, so events may
 * gain fields without breaking older rows. Thread-safe.
 */
public final class JacksonEventSerializer implements EventSerializer {

    private static final int MAX_LISTED_TYPES = 20;
    /** A version that stands for the class's own, when the caller does not know the stored one. */
    private static final int VERSION_OF_CLASS = 0;

    private static final TypeReference<Map<String, Object>> PAYLOAD_TREE = new TypeReference<>() {};

    private final JsonMapper mapper;
    private final Map<Class<?>, Boolean> readable = new ConcurrentHashMap<>();
    /**
     * A reader and a writer per event class, made once: each holds its class's (de)serializer, which
     * the mapper otherwise looks up again for every payload.
     */
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

    /** With {@link #defaultMapperBuilder()}'s settings. */
    public JacksonEventSerializer() {
        this(defaultMapperBuilder().build());
    }

    /** With a mapper of the caller's; start from {@link #defaultMapperBuilder()} to keep the guarantees above. */
    public JacksonEventSerializer(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The settings described above, as a builder to extend (modules, naming strategies). */
    public static JsonMapper.Builder defaultMapperBuilder() {
        return JsonMapper.builder()
                .annotationIntrospector(new EventCreatorIntrospector())
                .enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS, MapperFeature.INFER_PROPERTY_MUTATORS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .polymorphicTypeValidator(
                        BasicPolymorphicTypeValidator.builder().build())
                .addModule(new SimpleModule("eventqueue-instants")
                        .addDeserializer(Instant.class, new CanonicalInstantDeserializer()));
    }

    @Override
    public String serialize(DomainEvent event) {
        try {
            return writers.computeIfAbsent(event.getClass(), mapper::writerFor).writeValueAsString(event);
        } catch (JacksonException e) {
            throw new EventPayloadException(
                    "Cannot write event " + event.getEventId() + " of type '"
                            + event.getEventType() + "' (" + event.getClass().getName() + ") as JSON: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    /** Reads a payload written with the class's own version. */
    @Override
    public DomainEvent deserialize(String eventType, String payload, EventTypeRegistry types) {
        return deserialize(eventType, VERSION_OF_CLASS, payload, types);
    }

    /**
     * Reads a payload written with {@code version}: an older one is first turned into the class's
     * version by the registry's upcasters, one version at a time; a newer one is unreadable here.
     */
    @Override
    public DomainEvent deserialize(String eventType, int version, String payload, EventTypeRegistry types) {
        Class<? extends DomainEvent> eventClass = types.resolve(eventType)
                .orElseThrow(() -> new EventPayloadException("Unknown event type '" + eventType
                        + "': no event class is registered "
                        + "under that name on this node (known: " + listed(types.knownTypeNames()) + "). Register it "
                        + "with EventDispatcher.Builder.eventType(...)"));
        if (payload == null) {
            throw new EventPayloadException("Event of type '" + eventType + "' has no payload");
        }
        int current = types.versionOf(eventClass);
        if (version > current) {
            throw new EventPayloadException("Event type '" + eventType + "' was written as version " + version
                    + ", newer than version " + current + " of " + eventClass.getName()
                    + " on this node; deploy the newer class here to read it");
        }
        DomainEvent event;
        try {
            event = version == VERSION_OF_CLASS || version == current
                    ? readers.computeIfAbsent(eventClass, mapper::readerFor).readValue(payload)
                    : mapper.convertValue(upcast(eventType, eventClass, version, current, payload, types), eventClass);
        } catch (JacksonException e) {
            throw new EventPayloadException(
                    "Cannot read the JSON payload of event type '" + eventType + "' as " + eventClass.getName() + ": "
                            + e.getOriginalMessage(),
                    e);
        }
        if (event == null || event.getEventId() == null) {
            throw new EventPayloadException("The payload of event type '" + eventType + "' read as "
                    + eventClass.getName() + " has no event id");
        }
        return event;
    }

    /**
     * Reads an empty object as {@code eventClass}: a class Jackson finds no way to create (no
     * no-arg constructor, no named constructor parameters) is refused. A constructor that merely
     * rejects the empty values proves there is a way, and passes. Checked once per class.
     */
    @Override
    public void requireReadable(Class<? extends DomainEvent> eventClass) {
        if (readable.containsKey(eventClass)) {
            return;
        }
        try {
            mapper.readValue("{}", eventClass);
        } catch (InvalidDefinitionException e) {
            throw new IllegalArgumentException(
                    "Events of class " + eventClass.getName()
                            + " could not be read back from the queue: " + e.getOriginalMessage()
                            + ". Make it readable in "
                            + "any build: give it a no-arg constructor (private is fine; its fields are then set "
                            + "directly), make it a record, or name its constructor parameters with @JsonCreator and "
                            + "@JsonProperty(\"name\"); or compile it with -parameters (maven-compiler-plugin "
                            + "<parameters>true</parameters>)",
                    e);
        } catch (JacksonException e) {
            // Jackson found a way to create it; the empty object was merely not a valid event.
        }
        readable.put(eventClass, Boolean.TRUE);
    }

    private Map<String, Object> upcast(
            String eventType,
            Class<? extends DomainEvent> eventClass,
            int version,
            int current,
            String payload,
            EventTypeRegistry types) {
        String name = types.typeNameOf(eventClass);
        Map<String, Object> tree = mapper.readValue(payload, PAYLOAD_TREE);
        for (int from = version; from < current; from++) {
            int read = from;
            EventUpcaster upcaster = types.upcaster(name, read)
                    .orElseThrow(() -> new EventPayloadException("Event type '" + eventType
                            + "' was written as version "
                            + read + " and " + eventClass.getName() + " reads version " + current
                            + ", but no upcaster reads version " + read + " of '" + name + "'; register one with "
                            + "EventDispatcher.Builder.upcaster(...)"));
            try {
                tree = upcaster.upcast(tree);
            } catch (RuntimeException e) {
                throw new EventPayloadException(
                        "Upcaster " + upcaster + " failed on event type '" + eventType + "' version " + read + ": " + e,
                        e);
            }
            if (tree == null) {
                throw new EventPayloadException("Upcaster " + upcaster + " returned no payload for event type '"
                        + eventType + "' version " + read);
            }
        }
        return tree;
    }

    private static String listed(Set<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        if (names.size() <= MAX_LISTED_TYPES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.stream().limit(MAX_LISTED_TYPES).toList()) + ", ... (" + names.size()
                + " in all)";
    }
}
