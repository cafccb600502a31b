package io.outpost.testing.modemsim;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Iridium SBD modem (ISU): mobile-originated buffer written with {@code AT+SBDWB=<n>} ({@code READY}, n bytes,
 * 2-byte checksum; status 0 ok, 1 timeout, 2 bad checksum, 3 bad size), session {@code AT+SBDIX} answering
 * {@code +SBDIX: <MO status>, <MOMSN>, <MT status>, <MTMSN>, <MT length>, <MT queued>}, buffers cleared by
 * {@code AT+SBDD0/1/2}, mobile-terminated message read by {@code AT+SBDRB} (2-byte length, message, checksum), signal
 * {@code +CSQ:0..5}. Faults: failing sessions (MO status 32, no network service), signal, and those of
 * {@link ModemSimulator}.
 */
public final class SbdModemSim extends ModemSimulator {

    public static final int MAX_MO = 340;

    private final List<byte[]> delivered = new CopyOnWriteArrayList<>();
    private final Deque<byte[]> mtQueue = new ArrayDeque<>();
    private byte[] moBuffer;
    private byte[] mtBuffer;
    private int momsn;
    private int mtmsn;
    private volatile int signal = 4;
    private volatile int failSessions;
    private volatile int sessions;

    private SbdModemSim(String ptyPath) throws IOException {
        super(ptyPath, "sbd");
    }

    public static SbdModemSim on(String ptyPath) throws IOException {
        SbdModemSim sim = new SbdModemSim(ptyPath);
        sim.start();
        return sim;
    }

    /** Messages that left in a successful session, in order. */
    public List<byte[]> delivered() {
        return List.copyOf(delivered);
    }

    /** Session attempts so far. */
    public int sessions() {
        return sessions;
    }

    /** 0-5 bars; 0 makes every session fail. */
    public void signal(int bars) {
        signal = bars;
    }

    /** The next {@code n} sessions fail with MO status 32. */
    public void failSessions(int n) {
        failSessions = n;
    }

    /** HQ queues a mobile-terminated message at the gateway; it comes down in the next successful session. */
    public synchronized void queueMobileTerminated(byte[] message) {
        mtQueue.add(message.clone());
    }

    public static int checksum(byte[] message) {
        int sum = 0;
        for (byte b : message) {
            sum += b & 0xFF;
        }
        return sum & 0xFFFF;
    }

    @Override
    protected void command(String line) throws IOException {
        String c = line.toUpperCase(java.util.Locale.ROOT);
        if (c.equals("AT+CSQ")) {
            reply("+CSQ:" + signal, "OK");
        } else if (c.equals("AT+CSQF")) {
            reply("+CSQF:" + signal, "OK");
        } else if (c.startsWith("AT&K") || c.startsWith("AT+SBDMTA=") || c.startsWith("AT+SBDAREG=")) {
            ok();
        } else if (c.startsWith("AT+SBDWB=")) {
            writeBinary(c.substring("AT+SBDWB=".length()));
        } else if (c.equals("AT+SBDIX") || c.equals("AT+SBDIXA")) {
            session();
        } else if (c.startsWith("AT+SBDD")) {
            clear(c.substring("AT+SBDD".length()));
        } else if (c.equals("AT+SBDRB")) {
            readMobileTerminated();
        } else if (c.equals("AT+CGSN")) {
            reply("300234010753370", "OK");
        } else {
            error();
        }
    }

    private void writeBinary(String sizeText) throws IOException {
        int size;
        try {
            size = Integer.parseInt(sizeText.trim());
        } catch (NumberFormatException e) {
            error();
            return;
        }
        if (size < 1 || size > MAX_MO) {
            reply("3", "OK");
            return;
        }
        reply("READY");
        byte[] message = readBytes(size);
        byte[] sum = readBytes(2);
        int given = ((sum[0] & 0xFF) << 8) | (sum[1] & 0xFF);
        if (given != checksum(message)) {
            reply("2", "OK");
            return;
        }
        synchronized (this) {
            moBuffer = message;
        }
        reply("0", "OK");
    }

    private void session() throws IOException {
        sessions++;
        String answer;
        synchronized (this) {
            if (moBuffer != null) {
                momsn = (momsn + 1) % 65536;
            }
            if (failSessions > 0 || signal == 0) {
                if (failSessions > 0) {
                    failSessions--;
                }
                answer = "+SBDIX: 32, " + momsn + ", 2, " + mtmsn + ", 0, " + mtQueue.size();
            } else {
                if (moBuffer != null) {
                    delivered.add(moBuffer.clone());
                }
                int mtStatus = 0;
                int mtLength = 0;
                if (!mtQueue.isEmpty()) {
                    mtBuffer = mtQueue.poll();
                    mtmsn = (mtmsn + 1) % 65536;
                    mtStatus = 1;
                    mtLength = mtBuffer.length;
                }
                answer = "+SBDIX: 0, " + momsn + ", " + mtStatus + ", " + mtmsn + ", " + mtLength + ", " + mtQueue.size();
            }
        }
        reply(answer, "OK");
    }

    private synchronized void clear(String which) throws IOException {
        switch (which) {
            case "0" -> moBuffer = null;
            case "1" -> mtBuffer = null;
            case "2" -> {
                moBuffer = null;
                mtBuffer = null;
            }
            default -> {
                error();
                return;
            }
        }
        reply("0", "OK");
    }

    private void readMobileTerminated() throws IOException {
        byte[] message;
        synchronized (this) {
            message = mtBuffer == null ? new byte[0] : mtBuffer;
        }
        byte[] block = new byte[message.length + 4];
        block[0] = (byte) (message.length >> 8);
        block[1] = (byte) message.length;
        System.arraycopy(message, 0, block, 2, message.length);
        int sum = checksum(message);
        block[block.length - 2] = (byte) (sum >> 8);
        block[block.length - 1] = (byte) sum;
        write(block);
        reply("OK");
    }
}
