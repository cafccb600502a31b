package io.outpost.link.cellular;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import io.outpost.api.sms.TextMessages;

/**
 * The cellular link's modem as {@link TextMessages}: checks the number and the text, then hands them to the link,
 * which sends them on its own thread in text mode ({@code AT+CMGS}) behind its own traffic.
 */
final class ModemTextMessages implements TextMessages {

    private final BiFunction<String, String, CompletionStage<String>> modem;

    ModemTextMessages(BiFunction<String, String, CompletionStage<String>> modem) {
        this.modem = modem;
    }

    @Override
    public CompletionStage<String> send(String number, String text) {
        if (!TextMessages.isNumber(number)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                "'to': expected a phone number (an optional + and 3 to 20 digits), got '" + shorter(number) + "'"));
        }
        if (!TextMessages.isText(text)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                "'text': expected 1 to " + MAX_CHARS + " printable ASCII characters without '\"'"));
        }
        return modem.apply(number, text);
    }

    private static String shorter(String s) {
        return s == null ? "null" : s.length() > 24 ? s.substring(0, 24) + "..." : s;
    }
}
