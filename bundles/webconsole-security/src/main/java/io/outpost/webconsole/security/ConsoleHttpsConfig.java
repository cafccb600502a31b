package io.outpost.webconsole.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost web console HTTPS",
    description = "Where the web console listens (HTTPS only) and its certificate: a configured PKCS#12 key store, or a"
        + " self-signed one generated on first start")
@interface ConsoleHttpsConfig {

    @AttributeDefinition(description = "Address to listen on; 127.0.0.1 keeps the console on the gateway itself")
    String host() default "127.0.0.1";

    @AttributeDefinition(min = "1", max = "65535", description = "HTTPS port")
    int port() default 8443;

    @AttributeDefinition(description = "PKCS#12 key store with the certificate and key, relative to the gateway folder."
        + " Empty: data/webconsole/https.p12, generated (self-signed) when missing")
    String keystore() default "";

    @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
        description = "Password of a configured key store (and of its key)")
    String keystorePassword() default "";

    @AttributeDefinition(description = "Host names and addresses the generated certificate is valid for (keytool -ext SAN syntax)")
    String subjectAltNames() default "dns:localhost,ip:127.0.0.1";
}
