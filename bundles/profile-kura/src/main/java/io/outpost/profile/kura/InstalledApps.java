package io.outpost.profile.kura;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;

/**
 * The Outpost bundles the birth certificate lists: {@code application_ids} names the request handlers' app ids
 * (as Kura does: {@code ASSET-V1,INVENTORY-V1}), then the active {@code io.outpost.*} bundles without the prefix
 * ({@code sampler,link.mqtt,...}); {@code bundles} lists every installed one as
 * {@code symbolic-name:version:STATE}. Equal snapshots mean nothing worth a new birth happened.
 */
record InstalledApps(List<String> applicationIds, List<String> bundles) {

    static final String PREFIX = "io.outpost.";

    InstalledApps {
        applicationIds = List.copyOf(applicationIds);
        bundles = List.copyOf(bundles);
    }

    static InstalledApps of(Bundle[] installed) {
        return of(installed, List.of());
    }

    static InstalledApps of(Bundle[] installed, List<String> requestAppIds) {
        List<String> ids = new ArrayList<>();
        List<String> bundles = new ArrayList<>();
        for (Bundle bundle : installed) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith(PREFIX)) {
                continue;
            }
            bundles.add(name + ":" + bundle.getVersion() + ":" + state(bundle.getState()));
            if (bundle.getState() == Bundle.ACTIVE) {
                ids.add(name.substring(PREFIX.length()));
            }
        }
        ids.sort(null);
        ids.addAll(0, requestAppIds);
        bundles.sort(null);
        return new InstalledApps(ids, bundles);
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
