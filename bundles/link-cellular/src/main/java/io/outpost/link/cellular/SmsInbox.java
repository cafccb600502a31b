package io.outpost.link.cellular;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.codec.compact.CommandInbox;
import io.outpost.codec.compact.SmsText;

/**
 * The SMS the modem received: those from HQ's number that are compact frames go to the {@link CommandInbox}, others
 * are counted; each is deleted from the modem once read (a SIM holds few). Used on the link's thread only.
 */
final class SmsInbox {

    private static final Logger LOG = LoggerFactory.getLogger(SmsInbox.class);

    private final CellularLinkSettings settings;
    private final CommandInbox commands;
    private final AtomicLong others = new AtomicLong();

    SmsInbox(CellularLinkSettings settings, CommandInbox commands) {
        this.settings = settings;
        this.commands = commands;
    }

    /** Everything stored, e.g. what arrived while the gateway was off. */
    void readStored(CellularModem modem) {
        modem.listSms().forEach(sms -> take(modem, sms));
    }

    /** The message a {@code +CMTI: "SM",<index>} URC announced. */
    void readAnnounced(CellularModem modem, String urc) {
        int comma = urc.lastIndexOf(',');
        try {
            int index = Integer.parseInt(urc.substring(comma + 1).trim());
            modem.readSms(index).ifPresent(sms -> take(modem, sms));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            LOG.debug("link '{}': unreadable URC '{}'", CellularLink.LINK_ID, urc);
        }
    }

    long others() {
        return others.get();
    }

    long commandsAccepted() {
        return commands.accepted();
    }

    long framesRefused() {
        return commands.refused();
    }

    private void take(CellularModem modem, ReceivedSms sms) {
        if (settings.isHq(sms.sender())) {
            SmsText.decode(sms.text()).ifPresentOrElse(commands::receive, () -> {
                others.incrementAndGet();
                LOG.warn("link '{}': an SMS from HQ's number is not a compact frame", CellularLink.LINK_ID);
            });
        } else {
            others.incrementAndGet();
            LOG.info("link '{}': ignored an SMS from {}", CellularLink.LINK_ID, sms.sender());
        }
        modem.deleteSms(sms.index());
    }
}
