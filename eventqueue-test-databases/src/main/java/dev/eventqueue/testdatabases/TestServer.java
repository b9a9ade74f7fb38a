package dev.eventqueue.testdatabases;

import java.net.URI;

/**
 * A database server the tests connect to, and the database on it they use.
 *
 * @param product "PostgreSQL" or "MariaDB"
 * @param url JDBC URL of the test database
 * @param user user name
 * @param password password, empty for the local and embedded servers
 * @param origin where the server comes from, for messages: "configured", "local" or "embedded"
 */
public record TestServer(String product, String url, String user, String password, String origin) {

    /** The host in {@link #url()}. */
    public String host() {
        return address().getHost();
    }

    /** The port in {@link #url()}. */
    public int port() {
        return address().getPort();
    }

    /** The same database reached through another port (a proxy in front of the server, say). */
    public String urlWithPort(int port) {
        String authority = address().getHost() + ":" + address().getPort();
        int at = url.indexOf(authority);
        if (at < 0) {
            throw new IllegalStateException("No host:port in " + url);
        }
        return url.substring(0, at) + address().getHost() + ":" + port + url.substring(at + authority.length());
    }

    /** The URL for another database (or MariaDB schema) on the same server, keeping any parameters. */
    public String urlForDatabase(String database) {
        URI uri = address();
        String rest = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:" + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + "/" + database + rest;
    }

    private URI address() {
        URI uri = URI.create(url.substring("jdbc:".length()));
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalStateException("A test server URL needs a host and a port: " + url);
        }
        return uri;
    }
}
