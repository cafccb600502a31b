package io.outpost.request.conf;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One pending write of an update, with what was stored before (null: nothing) to undo it. */
record PendingWrite(Configurable target, Map<String, Object> after, Map<String, Object> before, Object fileInstall) {

    private static final Logger LOG = LoggerFactory.getLogger(PendingWrite.class);

    void apply(ConfigurationAdmin admin) throws IOException {
        Configuration c = target.configuration();
        if (c == null) {
            int tilde = target.pid().indexOf('~');
            c = target.factoryPid().isPresent()
                ? admin.getFactoryConfiguration(target.factoryPid().get(), target.pid().substring(tilde + 1), "?")
                : admin.getConfiguration(target.pid(), "?");
        }
        c.update(withFileInstall(after));
    }

    void undo(ConfigurationAdmin admin) {
        try {
            if (before != null) {
                target.configuration().update(withFileInstall(before));
            } else {
                Configuration[] made = admin.listConfigurations("(service.pid=" + ConfigurationControl.escape(target.pid()) + ")");
                if (made != null) {
                    for (Configuration m : made) {
                        m.delete();
                    }
                }
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.warn("could not put back the configuration of '{}' after a failed update: {}", target.pid(), e.toString());
        }
    }

    private Hashtable<String, Object> withFileInstall(Map<String, Object> properties) {
        Hashtable<String, Object> out = new Hashtable<>(properties);
        if (fileInstall != null) {
            out.put(ConfigurationControl.FILEINSTALL_FILE, fileInstall);
        }
        return out;
    }
}
