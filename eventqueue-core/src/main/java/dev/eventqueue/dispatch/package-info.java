/**
 * The dispatcher's machinery: fan-out at publish, the polling loops and their waiter, the worker
 * pool, completion batching, and housekeeping (lease heartbeat, lease recovery, cleanup).
 * Public types here serve {@link dev.eventqueue.EventDispatcher} and are not a stable API.
 */
package dev.eventqueue.dispatch;
