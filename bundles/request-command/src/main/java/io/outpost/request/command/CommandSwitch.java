package io.outpost.request.command;

import java.util.Dictionary;
import java.util.Hashtable;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.threadio.ThreadIO;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.request.RequestHandler;

/**
 * Registers the CMD-V1 {@link CommandHandler} when, and only when, the configuration has {@code enabled=true} and
 * passes its checks. Off (the default, also when unconfigured or refused) the app id does not exist: requests get
 * 404 and the APPS certificate does not list it. A changed configuration re-registers (SCR re-activates).
 */
@Component(configurationPid = "io.outpost.request.command", configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true, service = {})
@Designate(ocd = CommandConfig.class)
public final class CommandSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSwitch.class);
    static final String HOME_PROPERTY = "outpost.home";

    private final ServiceRegistration<RequestHandler> registration;

    @Activate
    public CommandSwitch(CommandConfig config, BundleContext context, @Reference CommandProcessor processor, @Reference ThreadIO threadIO) {
        CommandPolicy policy = CommandPolicy.of(config, context.getProperty(HOME_PROPERTY));
        if (!policy.enabled) {
            registration = null;
            LOG.info("CMD-V1 is off (io.outpost.request.command enabled=false)");
            return;
        }
        CommandHandler handler = new CommandHandler(policy, new GogoCommandRunner(processor, threadIO, policy.maxOutputBytes),
            new OsCommandRunner(policy.workingDirectory, policy.maxOutputBytes));
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(RequestHandler.APP_ID, CommandHandler.APP_ID);
        registration = context.registerService(RequestHandler.class, handler, props);
        LOG.warn("CMD-V1 is ON: Gogo {} and OS {} may run for HQ, {} s at most", policy.gogoCommands, policy.osCommands, policy.timeout.toSeconds());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
    }
}
