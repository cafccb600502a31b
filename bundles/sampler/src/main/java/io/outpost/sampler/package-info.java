/**
 * The sampler: one component per configured device (factory pid {@code io.outpost.device}) that binds the
 * driver the device names, polls its channels on the device's own thread, turns raw values into readings
 * (scale, offset, type) and hands them to every {@link io.outpost.api.data.ReadingListener}.
 */
package io.outpost.sampler;
