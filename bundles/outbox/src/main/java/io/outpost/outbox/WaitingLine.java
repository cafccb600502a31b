package io.outpost.outbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.outpost.api.upstream.MessageClass;

/**
 * The waiting messages by class, oldest first in each, and the bounds: when the store is full a new message
 * pushes out the oldest waiting message of the least urgent class it outranks or equals (telemetry first),
 * never an alarm; when nothing can go, the new message is refused. Guarded by the store's lock.
 */
final class WaitingLine {

    private static final MessageClass[] CLASSES = MessageClass.values();

    private final long maxBytes;
    private final long maxMessages;
    private final Map<MessageClass, TreeSet<StoredEntry>> waiting = new EnumMap<>(MessageClass.class);
    private final long[] depth = new long[CLASSES.length];
    private final long[] dropped = new long[CLASSES.length];
    private final long[] refused = new long[CLASSES.length];
    private long count;
    private long bytes;

    WaitingLine(long maxBytes, long maxMessages) {
        this.maxBytes = maxBytes;
        this.maxMessages = maxMessages;
        for (MessageClass c : CLASSES) {
            waiting.put(c, new TreeSet<>());
        }
    }

    /** Counts the entry as stored and lines it up for sending. */
    void add(StoredEntry entry) {
        waiting.get(entry.messageClass).add(entry);
        depth[entry.messageClass.ordinal()]++;
        count++;
        bytes += entry.size;
    }

    /** Puts an entry that was taken for sending (and not confirmed) back in line, in age order. */
    void putBack(StoredEntry entry) {
        waiting.get(entry.messageClass).add(entry);
    }

    /** The entry leaves the store (delivered or dropped); it was taken out of its queue already. */
    void forget(StoredEntry entry) {
        depth[entry.messageClass.ordinal()]--;
        count--;
        bytes -= entry.size;
    }

    /**
     * The next entry of this class that may be sent, or null. A durable one, except for replies: a reply may go
     * before its commit (the requester waits for it; remote-management latency), and is still written if it is
     * not confirmed by then, so a link blip loses none.
     */
    StoredEntry takeNext(MessageClass c) {
        TreeSet<StoredEntry> q = waiting.get(c);
        StoredEntry head = q.isEmpty() ? null : q.first();
        return head != null && (head.durable || c == MessageClass.REPLY) ? q.pollFirst() : null;
    }

    /**
     * Takes, oldest first, up to {@code max} durable entries (replies: also unwritten ones) of this class that {@code wanted} accepts into
     * {@code out}; looks at no more than {@code scanLimit} entries it leaves (so a long line of messages meant for
     * other links costs a bounded time per take). Returns how many it took.
     */
    int take(MessageClass c, Predicate<StoredEntry> wanted, int max, int scanLimit, List<StoredEntry> out) {
        int took = 0;
        int skipped = 0;
        for (Iterator<StoredEntry> it = waiting.get(c).iterator(); it.hasNext() && took < max && skipped < scanLimit;) {
            StoredEntry e = it.next();
            if (!e.durable && c != MessageClass.REPLY) {
                break;   // ids are in commit order: nothing after an unwritten one is written (replies may go first)
            }
            if (wanted.test(e)) {
                it.remove();
                out.add(e);
                took++;
            } else {
                skipped++;
            }
        }
        return took;
    }

    StoredEntry oldestWaiting(MessageClass c) {
        TreeSet<StoredEntry> q = waiting.get(c);
        return q.isEmpty() ? null : q.first();
    }

    /**
     * Makes room for a new record of this class and size, dropping entries as the policy allows; false (and
     * counted as refused) when there is no room. Each dropped entry is handed to {@code drop}.
     */
    boolean makeRoom(MessageClass incoming, int size, java.util.function.Consumer<StoredEntry> drop) {
        if (size > maxBytes) {
            refused[incoming.ordinal()]++;
            return false;
        }
        while (count + 1 > maxMessages || bytes + size > maxBytes) {
            StoredEntry victim = null;
            for (int c = CLASSES.length - 1; c >= Math.max(incoming.ordinal(), 1) && victim == null; c--) {
                victim = waiting.get(CLASSES[c]).pollFirst();
            }
            if (victim == null) {
                refused[incoming.ordinal()]++;
                return false;
            }
            dropped[victim.messageClass.ordinal()]++;
            drop.accept(victim);
        }
        return true;
    }

    /** Counts a new message of this class that the store refused for a reason of its own (not the bounds). */
    void countRefused(MessageClass incoming) {
        refused[incoming.ordinal()]++;
    }

    /** Every waiting entry (not the ones taken for sending), in no particular order. */
    void forEach(java.util.function.Consumer<StoredEntry> action) {
        waiting.values().forEach(q -> q.forEach(action));
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    Map<MessageClass, Long> depth() {
        return counts(depth);
    }

    Map<MessageClass, Long> dropped() {
        return counts(dropped);
    }

    Map<MessageClass, Long> refused() {
        return counts(refused);
    }

    private static Map<MessageClass, Long> counts(long[] values) {
        Map<MessageClass, Long> out = new EnumMap<>(MessageClass.class);
        for (MessageClass c : CLASSES) {
            out.put(c, values[c.ordinal()]);
        }
        return out;
    }
}
