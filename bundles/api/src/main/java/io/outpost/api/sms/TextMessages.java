package io.outpost.api.sms;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends one plain text SMS to a phone number through a modem the gateway owns (registered by the cellular link,
 * with the link's {@code outpost.link.id} property). Who may ask for what is decided by the caller; this service
 * checks only what the modem needs: the number's form and a text the modem's text mode carries.
 */
@ProviderType
public interface TextMessages {

    /** At most this many characters: one SMS in the GSM 7-bit alphabet. */
    int MAX_CHARS = 160;

    /**
     * Queues the message behind the link's own traffic. The stage completes with the network's message reference
     * once the modem accepted it, or exceptionally: {@link IllegalArgumentException} naming the field for a bad
     * number or text, {@link java.io.IOException} when the modem is down or refuses it.
     */
    CompletionStage<String> send(String number, String text);

    /** Whether {@code number} is an international or national phone number: an optional +, then 3 to 20 digits. */
    static boolean isNumber(String number) {
        return number != null && number.matches("\\+?[0-9]{3,20}");
    }

    /** Whether {@code text} fits one SMS in text mode: 1 to 160 printable ASCII characters, no double quote. */
    static boolean isText(String text) {
        return text != null && !text.isEmpty() && text.length() <= MAX_CHARS && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"');
    }
}
