/** The queue's SQL as text blocks, rendered once per table and dialect. */
package dev.eventqueue.jdbc.sql;
