package io.outpost.link.mqtt;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.outpost.api.profile.CloudProfile;

/**
 * Another MQTT link instance over another IP path (the modem's data connection, a second line), one per factory
 * configuration of {@value #FACTORY_PID}, with the fields of the MQTT link. Its own PID because Felix SCR refuses a
 * factory configuration under {@code io.outpost.link.mqtt}, which already has the wired link's singleton one. Give
 * each its own {@code linkId}, its {@code kind} and cost, and {@code announce=false}.
 */
@Component(configurationPid = MqttPathLink.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
@Designate(ocd = MqttLinkConfig.class, factory = true)
public final class MqttPathLink {

    static final String FACTORY_PID = "io.outpost.link.mqtt.path";

    private final MqttLink link;

    @Activate
    public MqttPathLink(MqttLinkConfig config, @Reference(name = "profile") CloudProfile profile, BundleContext context) throws Exception {
        if (MqttLink.LINK_ID.equals(config.linkId().trim())) {
            throw new IllegalArgumentException("mqtt link path: 'linkId' must not be '" + MqttLink.LINK_ID
                + "' (the main MQTT link's); name the path, e.g. cellular-data");
        }
        this.link = new MqttLink(config, profile, context);
    }

    @Deactivate
    void deactivate() {
        link.deactivate();
    }
}
