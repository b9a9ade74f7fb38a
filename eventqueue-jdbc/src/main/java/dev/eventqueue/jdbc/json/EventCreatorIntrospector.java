package dev.eventqueue.jdbc.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.eventqueue.domain.DomainEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.introspect.PotentialCreator;

/**
 * Picks the constructor an event class is read back through when it has no {@code @JsonCreator}:
 * the constructor with the most parameters whose names are compiled in ({@code -parameters}).
 * When the class also has a no-arg constructor, a named one is used only if it takes the event id,
 * so that a convenience constructor never wins over rehydration that keeps the id.
 */
final class EventCreatorIntrospector extends JacksonAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    @Override
    public PotentialCreator findPreferredCreator(
            MapperConfig<?> config,
            AnnotatedClass valueClass,
            List<PotentialCreator> declaredConstructors,
            List<PotentialCreator> declaredFactories,
            Optional<PotentialCreator> zeroParamsConstructor) {
        PotentialCreator preferred = super.findPreferredCreator(
                config, valueClass, declaredConstructors, declaredFactories, zeroParamsConstructor);
        Class<?> type = valueClass.getRawType();
        if (preferred != null || !DomainEvent.class.isAssignableFrom(type) || type.isRecord()) {
            return preferred;
        }
        PotentialCreator best = null;
        boolean bestTakesEventId = false;
        for (PotentialCreator candidate : declaredConstructors) {
            if (candidate.isAnnotated()
                    || !(candidate.creator().getAnnotated() instanceof Constructor<?> constructor)
                    || constructor.getParameterCount() == 0) {
                continue;
            }
            boolean named = true;
            boolean takesEventId = false;
            for (Parameter parameter : constructor.getParameters()) {
                named &= parameter.isNamePresent();
                takesEventId |= parameter.getName().equals("eventId");
            }
            if (named && (best == null || candidate.paramCount() > best.paramCount())) {
                best = candidate;
                bestTakesEventId = takesEventId;
            }
        }
        if (best == null || (zeroParamsConstructor.isPresent() && !bestTakesEventId)) {
            return null;
        }
        return best.overrideMode(JsonCreator.Mode.PROPERTIES);
    }
}
