package io.outpost.link.mqtt;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost MQTT link", description = "The wired link to HQ's MQTT broker")
@interface MqttLinkConfig {

    @AttributeDefinition(description = "Broker URL: tcp://host:port or ssl://host:port")
    String brokerUrl() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(description = "Account (tenant) name: the first topic level")
    String account() default "outpost";

    @AttributeDefinition(description = "MQTT client id; empty means outpost-<host name>")
    String clientId() default "";

    @AttributeDefinition(required = false, description = "User name, empty for none")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "Password")
    String password() default "";

    @AttributeDefinition(min = "1", description = "Keep-alive in seconds")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(description = "Clean session; false keeps the broker session across reconnects")
    boolean cleanSession() default true;

    @AttributeDefinition(min = "1", max = "65535", description = "Messages that may await their PUBACK at once")
    int maxInFlight() default 100;

    @AttributeDefinition(min = "1", description = "Connect timeout in seconds")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(min = "100", description = "First reconnect delay in milliseconds (doubles up to the maximum, with jitter)")
    long reconnectMinMillis() default 1000;

    @AttributeDefinition(min = "100", description = "Longest reconnect delay in milliseconds")
    long reconnectMaxMillis() default 60000;

    @AttributeDefinition(required = false, description = "PEM file of the CA(s) that sign the broker's certificate (ssl:// only); empty uses the JVM's trust store")
    String caFile() default "";

    @AttributeDefinition(required = false, description = "PEM client certificate (chain) for mutual TLS, empty for none")
    String clientCertFile() default "";

    @AttributeDefinition(required = false, description = "PEM PKCS#8 private key of the client certificate")
    String clientKeyFile() default "";

    @AttributeDefinition(description = "Which cloud profile encodes messages (LDAP filter on outpost.profile)")
    String profile_target() default "(outpost.profile=kura)";
}
