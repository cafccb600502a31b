package io.outpost.hq.alerts.rest;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The servlet context of the e-mail's acknowledgement link, {@code /outpost-hq}. It asks for no API token: whoever
 * holds a link that HQ signed may acknowledge that one alert until the link expires ({@link AckLinkServlet} checks).
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = AckLinkContext.NAME, path = AckLinkContext.PATH)
public final class AckLinkContext extends ServletContextHelper {

    static final String NAME = "outpost-hq-ack";
    static final String PATH = "/outpost-hq";
}
