package dev.eventqueue.domain;

/**
 * Who published an event. Travels with every queue entry to the handler
 * ({@code EventContext.current().getCredentials()}); never written to logs.
 *
 * @param userId the acting user's id, may be {@code null}
 * @param role   free text such as {@code "MANAGER"} or {@code "CANDIDATE"}, may be {@code null}
 */
public record Credentials(String userId, String role) {

    @Override
    public String toString() {
        // Keep identities out of logs that print records by accident.
        return "Credentials[userId=***, role=" + role + "]";
    }
}
