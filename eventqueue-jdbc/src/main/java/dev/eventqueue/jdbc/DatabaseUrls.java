package dev.eventqueue.jdbc;

import java.lang.reflect.Method;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Finds a printable URL for a data source, with any password removed, for error messages. */
final class DatabaseUrls {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;:]\\s*password\\s*=)[^&;]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@?]+):[^@/]*@");

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
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1:***@");
    }
}
