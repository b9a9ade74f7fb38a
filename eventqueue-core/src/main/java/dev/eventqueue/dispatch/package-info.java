/**
 * The dispatcher's machinery: fan-out at publish, the polling loops and their waiter, the worker
 * pool, completion batching, and housekeeping (lease heartbeat, lease recovery, cleanup).
 * Public types here serve {@link dev.eventqueue.EventDispatcher}; the module does not export this
 * package, so they are not part of the API.
 */
package dev.eventqueue.dispatch;
