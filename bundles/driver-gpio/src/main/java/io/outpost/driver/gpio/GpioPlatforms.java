package io.outpost.driver.gpio;

import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;

/**
 * One Pi4J context per provider in use, shared by every device on it (a pin belongs to the machine, not to a
 * device). Built with explicit providers and no auto-detection or shutdown hook: the driver owns its lifecycle.
 */
final class GpioPlatforms implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GpioPlatforms.class);

    /** Told about each context created, e.g. to register it as a service; closing the result withdraws it. */
    interface Publisher {
        AutoCloseable publish(GpioProvider provider, Context context);
    }

    private final int pwmChip;
    private final Publisher publisher;
    private final Map<GpioProvider, Context> contexts = new EnumMap<>(GpioProvider.class);
    private final Map<GpioProvider, AutoCloseable> publications = new EnumMap<>(GpioProvider.class);
    private boolean closed;

    GpioPlatforms(int pwmChip, Publisher publisher) {
        this.pwmChip = pwmChip;
        this.publisher = publisher;
    }

    synchronized Context context(GpioProvider provider) {
        if (closed) {
            throw new IllegalStateException("the GPIO driver is stopping");
        }
        Context existing = contexts.get(provider);
        if (existing != null) {
            return existing;
        }
        Context created = Pi4J.newContextBuilder().noAutoDetect().noAutoInject().disableShutdownHook()
            .add(provider.create(pwmChip)).build();
        contexts.put(provider, created);
        publications.put(provider, publisher.publish(provider, created));
        LOG.info("GPIO: Pi4J context on provider '{}' ready", provider.id());
        return created;
    }

    @Override
    public synchronized void close() {
        closed = true;
        publications.values().forEach(publication -> {
            try {
                publication.close();
            } catch (Exception e) {
                LOG.debug("GPIO: withdrawing a Pi4J context failed", e);
            }
        });
        publications.clear();
        contexts.forEach((provider, context) -> {
            try {
                context.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("GPIO: shutting down Pi4J on '{}' failed: {}", provider.id(), e.toString());
            }
        });
        contexts.clear();
    }
}
