package io.outpost.testing.modemsim;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 3GPP modem: SIM, registration ({@code +CREG}/{@code +CEREG} with URCs after {@code AT+CREG=1}), signal,
 * operator, IMEI, ICCID, and text-mode SMS (send with the {@code > } prompt, store, list, read, delete, announce
 * with {@code +CMTI}). Result codes follow TS 27.007/27.005: {@code +CME ERROR: 10} SIM not inserted,
 * {@code +CMS ERROR: 331} no network service, {@code +CMS ERROR: 321} invalid memory index.
 */
public final class CellularModemSim extends ModemSimulator {

    /** An SMS the modem sent. */
    public record SentSms(String number, String text) {
    }

    private record StoredSms(String from, String text, boolean read) {
    }

    private static final Pattern CMGS = Pattern.compile("AT\\+CMGS=\"([^\"]+)\"(,\\d+)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern INDEX = Pattern.compile("AT\\+CMG[RD]=(\\d+)(,\\d+)?", Pattern.CASE_INSENSITIVE);

    public static final String IMEI = "356938035643809";
    public static final String ICCID = "8944501234567890123";
    public static final String OPERATOR = "Outpost Mobile";

    private final List<SentSms> sent = new CopyOnWriteArrayList<>();
    private final Map<Integer, StoredSms> stored = new TreeMap<>();
    private volatile int registration = 1;
    private volatile int rssi = 20;
    private volatile boolean simPresent = true;
    private volatile boolean cregUrc;
    private volatile boolean textMode;
    private int messageReference;

    private CellularModemSim(String ptyPath) throws IOException {
        super(ptyPath, "cellular");
    }

    /** Opens {@code ptyPath} and starts answering. */
    public static CellularModemSim on(String ptyPath) throws IOException {
        CellularModemSim sim = new CellularModemSim(ptyPath);
        sim.start();
        return sim;
    }

    public List<SentSms> sent() {
        return List.copyOf(sent);
    }

    /** Registration state as +CREG reports it: 0 not searching, 1 home, 2 searching, 3 denied, 5 roaming. */
    public void registration(int stat) {
        registration = stat;
        if (cregUrc) {
            unsolicited("+CREG: " + stat);
        }
    }

    /** Signal as +CSQ reports it: 0-31, 99 unknown. */
    public void signal(int csq) {
        rssi = csq;
    }

    /** No network: not registered, no signal. */
    public void noNetwork() {
        signal(99);
        registration(2);
    }

    public void simPresent(boolean present) {
        simPresent = present;
    }

    /** A message arrives from {@code from}: stored and announced by {@code +CMTI: "SM",<index>}. */
    public synchronized int receiveSms(String from, String text) {
        int index = 1;
        while (stored.containsKey(index)) {
            index++;
        }
        stored.put(index, new StoredSms(from, text, false));
        unsolicited("+CMTI: \"SM\"," + index);
        return index;
    }

    public synchronized int storedSms() {
        return stored.size();
    }

    public void ring() {
        unsolicited("RING");
    }

    @Override
    protected void onReset() {
        cregUrc = false;
        textMode = false;
    }

    @Override
    protected void command(String line) throws IOException {
        String c = line.toUpperCase(java.util.Locale.ROOT);
        if (c.equals("AT+CPIN?")) {
            if (simPresent) {
                reply("+CPIN: READY", "OK");
            } else {
                reply("+CME ERROR: 10");
            }
        } else if (!simPresent && (c.startsWith("AT+CCID") || c.startsWith("AT+ICCID") || c.startsWith("AT+CMG"))) {
            reply("+CME ERROR: 10");
        } else if (c.equals("AT+CREG?")) {
            reply("+CREG: " + (cregUrc ? 1 : 0) + "," + effectiveRegistration(), "OK");
        } else if (c.equals("AT+CEREG?")) {
            reply("+CEREG: 0," + effectiveRegistration(), "OK");
        } else if (c.equals("AT+CREG=1")) {
            cregUrc = true;
            ok();
        } else if (c.equals("AT+CREG=0")) {
            cregUrc = false;
            ok();
        } else if (c.equals("AT+CSQ")) {
            reply("+CSQ: " + rssi + ",99", "OK");
        } else if (c.equals("AT+COPS?")) {
            reply(isRegistered() ? "+COPS: 0,0,\"" + OPERATOR + "\",7" : "+COPS: 0", "OK");
        } else if (c.equals("AT+CGSN")) {
            reply(IMEI, "OK");
        } else if (c.equals("AT+CCID")) {
            reply("+CCID: " + ICCID, "OK");
        } else if (c.equals("AT+ICCID")) {
            reply("+ICCID: " + ICCID, "OK");
        } else if (c.equals("AT+CMGF=1")) {
            textMode = true;
            ok();
        } else if (c.equals("AT+CMGF=0")) {
            textMode = false;
            ok();
        } else if (c.startsWith("AT+CNMI=") || c.startsWith("AT+CPMS=") || c.startsWith("AT+CSCS=")) {
            ok();
        } else if (c.startsWith("AT+CMGS=")) {
            sendSms(line);
        } else if (c.startsWith("AT+CMGL")) {
            list();
        } else if (c.startsWith("AT+CMGR=") || c.startsWith("AT+CMGD=")) {
            readOrDelete(line, c.startsWith("AT+CMGD"));
        } else {
            error();
        }
    }

    private boolean isRegistered() {
        return registration == 1 || registration == 5;
    }

    private int effectiveRegistration() {
        return simPresent ? registration : 0;
    }

    private void sendSms(String line) throws IOException {
        Matcher m = CMGS.matcher(line);
        if (!textMode || !m.matches()) {
            reply("+CMS ERROR: 304");
            return;
        }
        write("\r\n> ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String text = readText();
        if (text == null) {
            return;
        }
        if (!isRegistered() || rssi == 99 || rssi == 0) {
            reply("+CMS ERROR: 331");
            return;
        }
        sent.add(new SentSms(m.group(1), text));
        int mr;
        synchronized (this) {
            mr = ++messageReference % 256;
        }
        reply("+CMGS: " + mr, "OK");
    }

    private synchronized void list() throws IOException {
        if (!textMode) {
            reply("+CMS ERROR: 302");
            return;
        }
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        for (Map.Entry<Integer, StoredSms> e : stored.entrySet()) {
            StoredSms s = e.getValue();
            lines.add("+CMGL: " + e.getKey() + ",\"" + (s.read() ? "REC READ" : "REC UNREAD") + "\",\"" + s.from() + "\",,\"26/12/02,05:00:00+00\"");
            lines.add(s.text());
            e.setValue(new StoredSms(s.from(), s.text(), true));
        }
        lines.add("OK");
        reply(lines.toArray(String[]::new));
    }

    private synchronized void readOrDelete(String line, boolean delete) throws IOException {
        Matcher m = INDEX.matcher(line);
        if (!m.matches()) {
            error();
            return;
        }
        int index = Integer.parseInt(m.group(1));
        StoredSms s = stored.get(index);
        if (delete) {
            stored.remove(index);
            ok();
        } else if (s == null || !textMode) {
            reply("+CMS ERROR: 321");
        } else {
            stored.put(index, new StoredSms(s.from(), s.text(), true));
            reply("+CMGR: \"" + (s.read() ? "REC READ" : "REC UNREAD") + "\",\"" + s.from() + "\",,\"26/12/02,05:00:00+00\"", s.text(), "OK");
        }
    }
}
