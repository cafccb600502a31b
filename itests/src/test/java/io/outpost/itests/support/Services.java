package io.outpost.itests.support;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/** Looks up a registered service by type and filter, as the tests do in their waiting conditions. */
public final class Services {

    private Services() {
    }

    /** The first service of that type matching the filter, or null while there is none. */
    public static <T> T find(BundleContext context, Class<T> type, String filter) {
        try {
            var refs = context.getServiceReferences(type, filter);
            return refs.isEmpty() ? null : context.getService(refs.iterator().next());
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
