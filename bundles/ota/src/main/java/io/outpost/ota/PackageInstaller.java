package io.outpost.ota;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Changes the bundles of a package, and puts the previous ones back. Our own installer rather than Felix
 * DeploymentAdmin (docs/ota.md says why): a package is a set of bundles; each is updated in place when a bundle of
 * that symbolic name is installed, else installed with the location {@code outpost-ota:<symbolic name>}. Only the
 * changed bundles are refreshed (the framework also refreshes the bundles wired to their old revisions); nothing else
 * is stopped. Called on the update worker only.
 */
final class PackageInstaller {

    static final String LOCATION_PREFIX = "outpost-ota:";
    private static final long REFRESH_TIMEOUT_SECONDS = 120;

    /** An install step failed; nothing was put back yet. */
    static final class InstallFailure extends Exception {
        private static final long serialVersionUID = 1L;

        InstallFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final BundleContext context;

    PackageInstaller(BundleContext context) {
        this.context = context;
    }

    Optional<Bundle> find(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    /** Copies every bundle the package replaces to {@code backupDir}; changes nothing. */
    List<TouchedBundle> backUp(PackageContents contents, Path backupDir) throws IOException {
        Files.createDirectories(backupDir);
        List<TouchedBundle> touched = new ArrayList<>();
        for (PackageContents.StagedBundle staged : contents.bundles()) {
            Optional<Bundle> existing = find(staged.symbolicName());
            if (existing.isPresent()) {
                Path backup = backupDir.resolve(staged.symbolicName() + ".jar");
                BundleArchive.copy(existing.get(), backup);
                touched.add(new TouchedBundle(staged.symbolicName(), true, existing.get().getState() == Bundle.ACTIVE,
                    backup.toString(), staged.version()));
            } else {
                touched.add(new TouchedBundle(staged.symbolicName(), false, false, "", staged.version()));
            }
        }
        InstallJournal.forceDirectory(backupDir);
        return touched;
    }

    /**
     * Waits until the framework has finished starting (the system bundle is ACTIVE: the beginning start level is
     * reached). Before that a bundle's start() only marks it to be started at its start level, so a package
     * installed while the gateway boots would stay INSTALLED and fail its health check. False when it gave up.
     */
    boolean awaitFrameworkStarted(long maxMillis, BooleanSupplier stop) {
        Bundle system = context.getBundle(0);
        long end = System.currentTimeMillis() + maxMillis;
        while (system.getState() != Bundle.ACTIVE) {
            if (stop.getAsBoolean() || System.currentTimeMillis() >= end) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Updates or installs the given bundles, refreshes them, then starts the ones that are not fragments. */
    void apply(List<PackageContents.StagedBundle> bundles) throws InstallFailure {
        List<Bundle> changed = new ArrayList<>();
        for (PackageContents.StagedBundle staged : bundles) {
            try (InputStream in = Files.newInputStream(staged.file())) {
                Optional<Bundle> existing = find(staged.symbolicName());
                if (existing.isPresent()) {
                    // stopped first, so that update() does not start it again: start() below does, and names the failure
                    existing.get().stop();
                    existing.get().update(in);
                    changed.add(existing.get());
                } else {
                    changed.add(context.installBundle(LOCATION_PREFIX + staged.symbolicName(), in));
                }
            } catch (IOException | BundleException | RuntimeException e) {
                throw new InstallFailure("bundle " + staged.symbolicName() + " " + staged.version() + " could not be installed: " + e.getMessage(), e);
            }
        }
        refresh(changed);
        for (int i = 0; i < bundles.size(); i++) {
            if (bundles.get(i).fragment()) {
                continue;
            }
            Bundle bundle = changed.get(i);
            try {
                bundle.start();
            } catch (BundleException | RuntimeException e) {
                throw new InstallFailure("bundle " + bundles.get(i).symbolicName() + " " + bundles.get(i).version()
                    + " did not start: " + rootMessage(e), e);
            }
        }
    }

    /**
     * Puts the previous bundles back: updated ones from their backup, added ones uninstalled; refreshes; starts the
     * ones that were active. Goes on after a failure and returns what could not be done (empty when all went well).
     */
    List<String> restore(List<TouchedBundle> touched) {
        List<String> problems = new ArrayList<>();
        List<Bundle> changed = new ArrayList<>();
        for (int i = touched.size() - 1; i >= 0; i--) {
            TouchedBundle t = touched.get(i);
            Optional<Bundle> current = find(t.symbolicName());
            try {
                if (t.existed()) {
                    Path backup = Path.of(t.backup());
                    if (current.isEmpty()) {
                        try (InputStream in = Files.newInputStream(backup)) {
                            changed.add(context.installBundle(LOCATION_PREFIX + t.symbolicName(), in));
                        }
                    } else {
                        try (InputStream in = Files.newInputStream(backup)) {
                            current.get().update(in);
                        }
                        changed.add(current.get());
                    }
                } else if (current.isPresent()) {
                    current.get().uninstall();
                    changed.add(current.get());
                }
            } catch (IOException | BundleException | RuntimeException e) {
                problems.add(t.symbolicName() + ": " + e.getMessage());
            }
        }
        try {
            refresh(changed);
        } catch (InstallFailure e) {
            problems.add(e.getMessage());
        }
        for (TouchedBundle t : touched) {
            if (t.wasActive()) {
                Optional<Bundle> bundle = find(t.symbolicName());
                try {
                    if (bundle.isPresent() && bundle.get().getState() != Bundle.ACTIVE) {
                        bundle.get().start();
                    }
                } catch (BundleException | RuntimeException e) {
                    problems.add(t.symbolicName() + " did not start again: " + rootMessage(e));
                }
            }
        }
        return problems;
    }

    /** Uninstalls the bundles of a package (DEPLOY-V2 uninstall). */
    void uninstall(List<String> symbolicNames) throws InstallFailure {
        List<Bundle> removed = new ArrayList<>();
        for (String name : symbolicNames) {
            Optional<Bundle> bundle = find(name);
            if (bundle.isPresent()) {
                try {
                    bundle.get().uninstall();
                    removed.add(bundle.get());
                } catch (BundleException | RuntimeException e) {
                    throw new InstallFailure("bundle " + name + " could not be uninstalled: " + e.getMessage(), e);
                }
            }
        }
        refresh(removed);
    }

    private void refresh(List<Bundle> bundles) throws InstallFailure {
        if (bundles.isEmpty()) {
            return;
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        try {
            if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new InstallFailure("the framework did not finish refreshing within " + REFRESH_TIMEOUT_SECONDS + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallFailure("interrupted while refreshing", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            text.append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
