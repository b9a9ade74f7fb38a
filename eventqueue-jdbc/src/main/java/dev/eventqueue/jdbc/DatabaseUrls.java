package dev.eventqueue.jdbc;

import dev.eventqueue.monitoring.SecretMasking;
import java.lang.reflect.Method;
import javax.sql.DataSource;

/** Finds a printable URL for a data source, with every secret-looking parameter masked, for error messages. */
final class DatabaseUrls {

    private DatabaseUrls() {}

    /**
     * The URL a pool or driver data source is configured with, found by its usual getter
     * ({@code getJdbcUrl}, {@code getUrl}, {@code getURL}); a description of the class otherwise.
     */
    static String describe(DataSource dataSource) {
        for (String getter : new String[] {"getJdbcUrl", "getUrl", "getURL"}) {
            try {
                Method method = dataSource.getClass().getMethod(getter);
                if (method.getReturnType() == String.class && method.canAccess(dataSource)) {
                    Object url = method.invoke(dataSource);
                    if (url != null) {
                        return withoutPassword(url.toString());
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not this getter; try the next.
            }
        }
        return "a " + dataSource.getClass().getName() + " (URL unknown)";
    }

    static String withoutPassword(String url) {
        return SecretMasking.mask(url);
    }
}
