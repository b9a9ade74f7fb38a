package dev.eventqueue.example.cli;

import java.util.UUID;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an id, with a message a person can act on instead of the parser's exception. */
final class UuidConverter implements ITypeConverter<UUID> {

    @Override
    public UUID convert(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not an id: expected a UUID such as "
                    + "123e4567-e89b-12d3-a456-426614174000, as 'failed' and 'entries' show them");
        }
    }
}
