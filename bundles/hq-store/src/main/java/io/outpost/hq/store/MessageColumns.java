package io.outpost.hq.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import io.outpost.api.hq.IncomingMessage;

/** The eight columns of a {@code message} row, in the order both inserts (one message, a batch) name them. */
final class MessageColumns {

    static final String NAMES = "account, client_id, device, message_class, epoch, msgid, sent_at, received_at";

    private MessageColumns() {
    }

    /** Binds parameters 1 to 8. */
    static void bind(PreparedStatement p, IncomingMessage m) throws SQLException {
        p.setString(1, m.gateway().account());
        p.setString(2, m.gateway().clientId());
        p.setString(3, m.device());
        p.setString(4, m.messageClass().code());
        p.setLong(5, m.epoch().orElse(0));
        if (m.msgid().isPresent()) {
            p.setLong(6, m.msgid().getAsLong());
        } else {
            p.setNull(6, Types.BIGINT);
        }
        p.setLong(7, m.time().toEpochMilli());
        p.setLong(8, m.receivedAt().toEpochMilli());
    }
}
