package io.outpost.request.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.outpost.api.profile.ControlDecoding;
import io.outpost.api.profile.GatewayIdentity;
import io.outpost.api.request.Response;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.profile.kura.ControlDecoder;
import io.outpost.testing.control.Junk;
import io.outpost.testing.control.KuraRequestPayloads;

/**
 * Thousands of malformed, hostile and valid control messages through the Kura profile's decoder and the router:
 * nothing throws, every answerable message gets exactly one reply with the expected code, the others none.
 */
class ControlFuzzTest {

    private static final GatewayIdentity GW = new GatewayIdentity("acme", "gw-1");
    private static final String ROOT = "$EDC/acme/gw-1/";
    private static final int MAX_BYTES = 64 * 1024;
    private static final int NO_REPLY = -1;
    private static final int ROUNDS = 6_000;
    private static final List<String> HOSTILE_IDS = List.of("", "a/b", "#", "+", "hq/+/x", "x".repeat(200), "nul\u0000", "tab\t");

    private final ControlDecoder decoder = new ControlDecoder("$EDC", MAX_BYTES, 4 * MAX_BYTES);
    private final RecordingUpstream upstream = new RecordingUpstream();
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final RequestCounters counters = new RequestCounters();
    private final RequestRouter router = new RequestRouter(handlers, Authorization.parse("hq", new String[0]), upstream, Clock.systemUTC(),
        counters, AuditTrail.NONE);
    private final byte[] bomb = KuraRequestPayloads.gzip(new byte[8 * MAX_BYTES]);

    /** One generated message: its topic, its payload, and the reply code it must get (or {@link #NO_REPLY}). */
    private record Case(String topic, byte[] payload, int expected) {
    }

    private static Map<String, Object> ids(String requester, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request.id", id);
        m.put("requester.client.id", requester);
        return m;
    }

    private Case generate(int n, SplittableRandom random) {
        String id = "f-" + n;
        String get = ROOT + "ECHO-V1/GET/x";
        return switch (n % 16) {
            case 0 -> new Case(get, KuraRequestPayloads.protobuf(ids("hq", id), null), Response.OK);
            case 1 -> new Case(get, KuraRequestPayloads.gzip(KuraRequestPayloads.protobuf(ids("hq", id), Junk.bytes(random, 512))), Response.OK);
            case 2 -> new Case(ROOT + "NOPE-V" + random.nextInt(100) + "/GET/x", KuraRequestPayloads.protobuf(ids("hq", id), null), Response.NOT_FOUND);
            case 3 -> new Case(ROOT + "ECHO-V1/" + List.of("get", "PATCH", "DELETE", "X", "REPLYX").get(random.nextInt(5)) + "/x",
                KuraRequestPayloads.protobuf(ids("hq", id), null), Response.BAD_REQUEST);
            case 4 -> new Case(get, KuraRequestPayloads.protobuf(ids("stranger-" + random.nextInt(9), id), null), Response.FORBIDDEN);
            case 5 -> new Case(ROOT + "BOOM-V1/EXEC/x", KuraRequestPayloads.protobuf(ids("hq", id), null), Response.INTERNAL_ERROR);
            case 6 -> new Case(get, KuraRequestPayloads.protobuf(Map.of("requester.client.id", "hq"), null), NO_REPLY);
            case 7 -> new Case(get, KuraRequestPayloads.protobuf(Map.of("request.id", random.nextBoolean() ? (Object) 7L : (Object) true,
                "requester.client.id", "hq"), null), NO_REPLY);
            case 8 -> new Case(get, KuraRequestPayloads.protobuf(ids(HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size())), id), null), NO_REPLY);
            case 9 -> new Case(get, KuraRequestPayloads.protobuf(ids("hq", HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size()))), null), NO_REPLY);
            case 10 -> new Case(get, Junk.bytes(random, 300), NO_REPLY);
            case 11 -> new Case(get, random.nextBoolean() ? bomb : Junk.concat(new byte[] {0x1f, (byte) 0x8b}, Junk.bytes(random, 200)), NO_REPLY);
            case 12 -> new Case(get, Junk.json(random), NO_REPLY);
            case 13 -> new Case(get, ("{\"metrics\":{\"request.id\":\"" + id + "\",\"requester.client.id\":\"hq\"}}").getBytes(StandardCharsets.UTF_8),
                Response.OK);
            case 14 -> new Case(get, Junk.concat(KuraRequestPayloads.protobuf(ids("hq", id), null), new byte[MAX_BYTES]), NO_REPLY);
            default -> new Case(ROOT + "MQTT/BIRTH", KuraRequestPayloads.protobuf(ids("hq", id), null), NO_REPLY);
        };
    }

    @Test
    void thousandsOfBadAndGoodMessagesGiveExactlyOneReplyEachWhenAnswerableAndNoneOtherwise() {
        handlers.add("ECHO-V1", r -> Response.ok("ok"));
        handlers.add("BOOM-V1", r -> {
            throw new IllegalStateException("boom");
        });
        SplittableRandom random = new SplittableRandom(20261202L);
        Map<String, Integer> expected = new HashMap<>();
        int answerable = 0;
        for (int n = 0; n < ROUNDS; n++) {
            Case c = generate(n, random);
            ControlDecoding decoding = decoder.decode(GW, c.topic(), c.payload());
            decoding.decoded().ifPresent(router::dispatch);
            if (c.expected() != NO_REPLY) {
                answerable++;
                expected.put("f-" + n, c.expected());
            }
        }
        Function<UpstreamMessage, String> requestIdOf = m -> m.topic().substring(m.topic().lastIndexOf('/') + 1);
        Map<String, Integer> got = new HashMap<>();
        for (UpstreamMessage reply : upstream.sent) {
            Integer before = got.put(requestIdOf.apply(reply), RecordingUpstream.code(reply));
            assertEquals(null, before, "a second reply for " + reply.topic());
            assertTrue(reply.topic().startsWith("hq/") || reply.topic().startsWith("stranger-"), reply.topic());
        }
        assertEquals(expected, got);
        assertTrue(answerable > ROUNDS / 3, "answerable " + answerable);
        assertTrue(counters.unanswerable() >= 4 * (ROUNDS / 16), "unanswerable " + counters.unanswerable());
    }

    private static long heapAfterGc() throws InterruptedException {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private void fuzzRound(int round, SplittableRandom random) {
        for (int n = 0; n < ROUNDS; n++) {
            Case c = generate(round * ROUNDS + n, random);
            decoder.decode(GW, c.topic(), c.payload()).decoded().ifPresent(router::dispatch);
        }
        upstream.sent.clear();   // the test's own record of replies, not the gateway's
    }

    /** Heap in use after GC, after a warm-up round and after four more rounds of the fuzz: the dispatcher keeps nothing per message. */
    @Test
    void heapUseAfterGcDoesNotGrowOverRoundsOfFuzz() throws Exception {
        handlers.add("ECHO-V1", r -> Response.ok("ok"));
        handlers.add("BOOM-V1", r -> {
            throw new IllegalStateException("boom");
        });
        SplittableRandom random = new SplittableRandom(7L);
        fuzzRound(0, random);
        long before = heapAfterGc();
        for (int round = 1; round <= 4; round++) {
            fuzzRound(round, random);
        }
        long after = heapAfterGc();
        System.out.printf("fuzz heap after GC: %.1f MB before, %.1f MB after %d more messages%n", before / 1e6, after / 1e6, 4 * ROUNDS);
        assertTrue(after - before < 8_000_000, "heap after GC grew by " + (after - before) + " bytes over " + 4 * ROUNDS + " messages");
    }
}
