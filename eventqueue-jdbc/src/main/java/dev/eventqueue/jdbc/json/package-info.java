/** JSON serialization of events with Jackson 3, reading back only registered event classes. */
package dev.eventqueue.jdbc.json;
