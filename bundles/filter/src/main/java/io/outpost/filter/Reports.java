package io.outpost.filter;

import io.outpost.api.data.Reading;
import io.outpost.api.upstream.MessageClass;

/**
 * Where a channel state puts what it decided to report, for one batch. Each method returns the estimated
 * bytes this channel adds to the messages (see {@link MessageSize}).
 */
interface Reports {

    /** An alarm transition: one ALARM message of its own. */
    int alarm(Reading reading, Alarm alarm, boolean raised);

    /** The reading's value in the device's data message of the class; with {@code quality=GOOD} when it recovers from BAD. */
    int value(MessageClass messageClass, Reading reading, boolean recovered);

    /** A BAD reading: {@code <channel>.quality=BAD} and {@code <channel>.detail} in the device's data message of the class. */
    int bad(MessageClass messageClass, Reading reading);
}
