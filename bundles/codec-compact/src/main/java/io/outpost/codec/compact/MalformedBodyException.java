package io.outpost.codec.compact;

/** An authentic frame whose body does not parse (a bug or an incompatible peer, never an attacker: the tag held). */
public final class MalformedBodyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MalformedBodyException(String message) {
        super(message);
    }
}
