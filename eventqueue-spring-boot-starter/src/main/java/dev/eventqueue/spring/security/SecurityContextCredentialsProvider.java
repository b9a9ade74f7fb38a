package dev.eventqueue.spring.security;

import dev.eventqueue.domain.Credentials;
import dev.eventqueue.spring.CredentialsProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Credentials from the current Spring Security authentication: user id is
 * {@link Authentication#getName()}, role the first granted authority with a {@code ROLE_} prefix
 * (prefix removed), else the first authority, else {@code null}. Anonymous or unauthenticated
 * callers give no credentials.
 */
public final class SecurityContextCredentialsProvider implements CredentialsProvider {

    private static final String ROLE_PREFIX = "ROLE_";

    @Override
    public Credentials currentCredentials() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return new Credentials(authentication.getName(), roleOf(authentication));
    }

    private static String roleOf(Authentication authentication) {
        String first = null;
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            String authority = granted.getAuthority();
            if (authority == null) {
                continue;
            }
            if (authority.startsWith(ROLE_PREFIX)) {
                return authority.substring(ROLE_PREFIX.length());
            }
            if (first == null) {
                first = authority;
            }
        }
        return first;
    }
}
