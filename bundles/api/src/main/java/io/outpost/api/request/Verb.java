package io.outpost.api.request;

import java.util.Optional;

/** The request verbs of Kura's control topics. */
public enum Verb {
    GET, PUT, POST, DEL, EXEC;

    /** The verb of a topic level, exactly as on the wire (upper case); empty for anything else. */
    public static Optional<Verb> of(String level) {
        for (Verb verb : values()) {
            if (verb.name().equals(level)) {
                return Optional.of(verb);
            }
        }
        return Optional.empty();
    }
}
