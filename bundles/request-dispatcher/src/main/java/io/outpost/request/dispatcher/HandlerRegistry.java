package io.outpost.request.dispatcher;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.outpost.api.request.RequestHandler;

/**
 * The request handlers by app id, as the whiteboard registers and unregisters them (on OSGi's threads, while
 * requests are dispatched on others: a concurrent map). The first handler of an app id wins; a second one is kept
 * aside and takes over when the first goes. (The birth's application_ids are tracked by the profile from the
 * service registry, not from here.)
 */
final class HandlerRegistry {

    private final Map<String, List<RequestHandler>> byApp = new ConcurrentHashMap<>();

    /** @return false when the app id is not one topic level (the handler is ignored) */
    boolean add(String appId, RequestHandler handler) {
        if (!TopicLevel.isValid(appId)) {
            return false;
        }
        byApp.computeIfAbsent(appId, a -> new CopyOnWriteArrayList<>()).add(handler);
        return true;
    }

    void remove(String appId, RequestHandler handler) {
        if (appId == null) {
            return;
        }
        byApp.computeIfPresent(appId, (a, handlers) -> {
            handlers.remove(handler);
            return handlers.isEmpty() ? null : handlers;
        });
    }

    Optional<RequestHandler> handlerOf(String appId) {
        List<RequestHandler> handlers = byApp.get(appId);
        if (handlers == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(handlers.get(0));
        } catch (IndexOutOfBoundsException removedMeanwhile) {
            return Optional.empty();
        }
    }

    /** The app ids answered now, sorted. */
    List<String> appIds() {
        return byApp.keySet().stream().sorted().toList();
    }

}
