/**
 * The durable outbox: stores every upstream message in a segmented append-only log before it is sent, and
 * removes it only when a link confirmed delivery. Not exported; the API is {@code io.outpost.api.upstream}
 * and {@code io.outpost.api.outbox}.
 */
package io.outpost.outbox;
