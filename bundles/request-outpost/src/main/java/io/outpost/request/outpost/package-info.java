/**
 * Outpost's own remote APIs, one {@link io.outpost.api.request.RequestHandler} class per app id:
 * {@code OUTPOST-FILTER-V1} (the threshold filter's rules and counters), {@code OUTPOST-OUTBOX-V1} (the outbox's
 * depth and statistics), {@code OUTPOST-LINKS-V1} (each link's state and descriptor) and {@code OUTPOST-SYSTEM-V1}
 * (uptime, memory, disk, and a framework restart after a delay). Each handler turns a service's own view into a
 * JSON body through a small view class, and the Gogo twins ({@link io.outpost.request.outpost.OutpostCommands})
 * print the same views. See docs/remote-management.md.
 */
package io.outpost.request.outpost;
