package io.outpost.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which devices have gone away, and since when, so that the filter forgets them after a grace period. A
 * device is present while at least one {@code Device} service of its name is registered (the sampler registers
 * one per configuration, whether its driver is there or not). Two kinds of absence: a device whose service
 * went away (a deleted configuration; a changed one comes back within the grace period), and a device the
 * alarm file names that has neither a service nor a reading since the filter started (deleted while the
 * gateway was off). Only the second kind is cancelled by a reading: a late poll of a deleted device must not
 * keep it for ever.
 */
final class DevicePresence {

    private final Map<String, Integer> present = new HashMap<>(); // guarded by this
    private final Map<String, Long> removedSince = new HashMap<>(); // guarded by this
    private final Map<String, Long> unseenSince = new HashMap<>(); // guarded by this
    private volatile boolean anyUnseen;

    /** The devices of the alarm file, absent until a service or a reading shows them. */
    synchronized void expect(Set<String> devices, long nowMillis) {
        devices.forEach(d -> unseenSince.put(d, nowMillis));
        anyUnseen = !unseenSince.isEmpty();
    }

    synchronized void added(String device) {
        present.merge(device, 1, Integer::sum);
        removedSince.remove(device);
        unseenSince.remove(device);
        anyUnseen = !unseenSince.isEmpty();
    }

    synchronized void removed(String device, long nowMillis) {
        Integer count = present.get(device);
        if (count == null) {
            return;
        }
        if (count > 1) {
            present.put(device, count - 1);
        } else {
            present.remove(device);
            removedSince.put(device, nowMillis);
        }
    }

    /** Whether the device's service went away (and it is not yet forgotten): its channels send no heartbeat. */
    synchronized boolean isRemoved(String device) {
        return removedSince.containsKey(device);
    }

    /** A reading came from the device. Cheap when nothing is unseen (the usual case, on the hot path). */
    void readingFrom(String device) {
        if (anyUnseen) {
            synchronized (this) {
                unseenSince.remove(device);
                anyUnseen = !unseenSince.isEmpty();
            }
        }
    }

    /** The devices absent for at least the grace period; they are forgotten here (a later service counts anew). */
    synchronized List<String> takeExpired(long nowMillis, long graceMillis) {
        List<String> out = new ArrayList<>();
        take(removedSince, nowMillis, graceMillis, out);
        take(unseenSince, nowMillis, graceMillis, out);
        anyUnseen = !unseenSince.isEmpty();
        return out;
    }

    private static void take(Map<String, Long> since, long nowMillis, long graceMillis, List<String> out) {
        since.entrySet().removeIf(e -> {
            // a clock set back counts from now, like the filter's intervals
            if (nowMillis < e.getValue()) {
                e.setValue(nowMillis);
                return false;
            }
            if (nowMillis - e.getValue() >= graceMillis) {
                out.add(e.getKey());
                return true;
            }
            return false;
        });
    }
}
