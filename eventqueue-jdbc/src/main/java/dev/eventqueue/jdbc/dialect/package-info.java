/** What differs between PostgreSQL, MariaDB, MySQL and H2, as one strategy per database. */
package dev.eventqueue.jdbc.dialect;
