package dev.eventqueue.spring;

import dev.eventqueue.domain.Credentials;

/**
 * Supplies the credentials of whoever is acting on the current thread, for publishes that pass
 * none. Declare a bean of this type to take them from somewhere else than Spring Security.
 */
@FunctionalInterface
public interface CredentialsProvider {

    /** Provides no credentials. */
    CredentialsProvider NONE = () -> null;

    /** @return the current credentials, or {@code null} when nobody is authenticated */
    Credentials currentCredentials();
}
