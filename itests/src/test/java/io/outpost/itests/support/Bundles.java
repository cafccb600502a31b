package io.outpost.itests.support;

import java.util.Arrays;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Finds an installed bundle by its symbolic name. */
public final class Bundles {

    private Bundles() {
    }

    /** The installed bundle with that symbolic name, if there is one. */
    public static Optional<Bundle> find(BundleContext context, String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }
}
