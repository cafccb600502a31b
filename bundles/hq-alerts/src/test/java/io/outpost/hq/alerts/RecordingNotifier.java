package io.outpost.hq.alerts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.Notifier;
import io.outpost.api.hq.alert.NotifyException;

/** The receiving end in the unit tests: keeps what it was given; can be told to refuse (a peer that is down). */
final class RecordingNotifier implements Notifier {

    final List<Notification> received = new CopyOnWriteArrayList<>();
    volatile boolean refusing;
    volatile int refusals;

    @Override
    public void send(Notification notification) throws NotifyException {
        if (refusing) {
            refusals++;
            throw new NotifyException("test peer refuses");
        }
        received.add(notification);
    }
}
