package io.outpost.link.cellular;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS in the modem's store as text mode shows it: {@code +CMGL: <index>,<stat>,<oa>,...} or
 * {@code +CMGR: <stat>,<oa>,...}, each followed by the text on the next line.
 */
record ReceivedSms(int index, String sender, String text) {

    private static final Pattern CMGL = Pattern.compile("\\+CMGL: (\\d{1,5}),\"[^\"]*\",\"([^\"]*)\".*");
    private static final Pattern CMGR = Pattern.compile("\\+CMGR: \"[^\"]*\",\"([^\"]*)\".*");

    /** The messages of an AT+CMGL answer; header lines without a text line are skipped. */
    static List<ReceivedSms> ofList(List<String> lines) {
        List<ReceivedSms> list = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = CMGL.matcher(lines.get(i));
            if (m.matches() && i + 1 < lines.size() && !lines.get(i + 1).startsWith("+CMGL:")) {
                list.add(new ReceivedSms(Integer.parseInt(m.group(1)), m.group(2), lines.get(i + 1)));
                i++;
            }
        }
        return list;
    }

    /** The message of an AT+CMGR answer. */
    static Optional<ReceivedSms> ofRead(int index, List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            Matcher m = CMGR.matcher(lines.get(i));
            if (m.matches()) {
                return Optional.of(new ReceivedSms(index, m.group(1), lines.get(i + 1)));
            }
        }
        return Optional.empty();
    }
}
