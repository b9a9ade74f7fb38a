/**
 * The databases the JDBC store supports, as the constants users pick; what differs between them
 * stays inside the store, one strategy object per job and database.
 */
package dev.eventqueue.jdbc.dialect;
