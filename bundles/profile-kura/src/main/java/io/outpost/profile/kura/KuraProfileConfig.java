package io.outpost.profile.kura;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Outpost Kura cloud profile",
    description = "Kura/Kapua-compatible topics and payloads, and the birth certificate's device profile")
@interface KuraProfileConfig {

    @AttributeDefinition(description = "First topic level of lifecycle, request and reply topics (Kapua: $EDC)")
    String controlPrefix() default "$EDC";

    @AttributeDefinition(description = "Payload encoding: protobuf (KuraPayload, what Kapua expects) or json (readable with mosquitto_sub)",
        options = {@Option(label = "KuraPayload protobuf", value = "protobuf"), @Option(label = "JSON", value = "json")})
    String encoding() default "protobuf";

    @AttributeDefinition(description = "Gzip every payload (Kura and Kapua recognise the gzip header)")
    boolean gzip() default false;

    @AttributeDefinition(required = false, description = "Birth display_name; empty means the host name")
    String displayName() default "";

    @AttributeDefinition(required = false, description = "Birth model_name; empty means /proc/device-tree/model or the DMI product name")
    String modelName() default "";

    @AttributeDefinition(required = false, description = "Birth model_id; empty means none")
    String modelId() default "";

    @AttributeDefinition(required = false, description = "Birth serial_number; empty means /proc/device-tree/serial-number or /etc/machine-id")
    String serialNumber() default "";

    @AttributeDefinition(min = "0", description = "Quiet time after the last bundle change before the birth certificate is published again, in milliseconds")
    long birthDebounceMillis() default 2000;

    @AttributeDefinition(min = "64", max = "16777216", description = "Largest request payload taken from the control topics, in bytes (as received, gzipped or not)")
    int maxRequestBytes() default 262144;

    @AttributeDefinition(min = "64", max = "67108864", description = "Largest size a gzipped request may inflate to, in bytes; a larger one (a gzip bomb) is refused while inflating")
    int maxInflatedRequestBytes() default 1048576;
}
