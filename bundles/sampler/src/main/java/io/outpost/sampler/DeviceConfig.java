package io.outpost.sampler;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A device. Besides these fields, a device configuration carries its channels as
 * {@code channel.<name>.<attribute>} keys (type, valueType, unit, scale, offset, enabled, listen, and
 * driver-specific ones) and any other keys as driver settings (e.g. {@code endpoint}).
 */
@ObjectClassDefinition(name = "Outpost device", description = "One field device: the driver that talks to it, "
    + "its poll period and its channels (channel.<name>.<attribute> keys)")
@interface DeviceConfig {

    @AttributeDefinition(description = "Unique device name; appears in topics")
    String name();

    @AttributeDefinition(description = "Id of the driver, e.g. sim, modbus, gpio, host")
    String driver();

    @AttributeDefinition(min = "100", description = "Poll period in milliseconds")
    long pollMillis() default 1000;
}
