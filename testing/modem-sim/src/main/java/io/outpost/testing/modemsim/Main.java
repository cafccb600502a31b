package io.outpost.testing.modemsim;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Runs a simulated modem as a demo device: {@code java -jar io.outpost.testing.modem.sim.jar cellular|sbd <pty>},
 * then type fault commands on standard input ({@code help} lists them).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("cellular") || args[0].equals("sbd"))) {
            System.err.println("usage: java -jar io.outpost.testing.modem.sim.jar cellular|sbd <pty path>");
            System.exit(2);
        }
        ModemSimulator sim = args[0].equals("cellular") ? CellularModemSim.on(args[1]) : SbdModemSim.on(args[1]);
        System.out.println(args[0] + " modem on " + args[1] + "; type 'help'");
        BufferedReader console = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = console.readLine()) != null;) {
            String[] w = line.trim().split("\\s+", 3);
            try {
                System.out.println(run(sim, w));
            } catch (RuntimeException e) {
                System.out.println("? " + e.getMessage());
            }
        }
        sim.close();
    }

    private static String run(ModemSimulator sim, String[] w) {
        switch (w[0]) {
            case "hang" -> sim.stopAnswering();
            case "garbage" -> sim.garbage(w.length > 1 && w[1].equals("on"));
            case "received" -> {
                return String.join("\n", sim.received());
            }
            default -> {
                if (sim instanceof CellularModemSim c) {
                    return cellular(c, w);
                }
                return sbd((SbdModemSim) sim, w);
            }
        }
        return "ok";
    }

    private static String cellular(CellularModemSim c, String[] w) {
        switch (w[0]) {
            case "signal" -> c.signal(Integer.parseInt(w[1]));
            case "reg" -> c.registration(Integer.parseInt(w[1]));
            case "nonet" -> c.noNetwork();
            case "sim" -> c.simPresent(w[1].equals("in"));
            case "sms" -> c.receiveSms(w[1], w[2]);
            case "ring" -> c.ring();
            case "sent" -> {
                return c.sent().toString();
            }
            default -> {
                return "commands: signal <0-31|99>, reg <0|1|2|3|5>, nonet, sim in|out, sms <from> <text>, ring, sent, hang, garbage on|off, received";
            }
        }
        return "ok";
    }

    private static String sbd(SbdModemSim s, String[] w) {
        switch (w[0]) {
            case "signal" -> s.signal(Integer.parseInt(w[1]));
            case "fail" -> s.failSessions(Integer.parseInt(w[1]));
            case "mt" -> s.queueMobileTerminated(Base64.getDecoder().decode(w[1]));
            case "delivered" -> {
                StringBuilder sb = new StringBuilder();
                s.delivered().forEach(m -> sb.append(Base64.getEncoder().encodeToString(m)).append('\n'));
                return sb.toString();
            }
            default -> {
                return "commands: signal <0-5>, fail <n>, mt <base64>, delivered, hang, garbage on|off, received";
            }
        }
        return "ok";
    }
}
