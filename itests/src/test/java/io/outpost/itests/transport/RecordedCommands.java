package io.outpost.itests.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.outpost.codec.compact.CommandListener;

/** A registered CommandListener that records what the links hand it; unregistered on close. */
final class RecordedCommands implements CommandListener, AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<CommandListener> registration;

    RecordedCommands(BundleContext context) {
        registration = context.registerService(CommandListener.class, this, null);
    }

    @Override
    public void command(String link, long sequence, String text) {
        received.add(link + ":" + text);
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
