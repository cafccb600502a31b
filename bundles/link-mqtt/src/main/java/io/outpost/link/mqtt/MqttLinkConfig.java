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

    @AttributeDefinition(min = "1", max = "65535", description = "Keep-alive in seconds")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(description = "Clean session; false keeps the broker session (subscriptions) across reconnects. "
        + "Either way the outbox, not Paho, resends unconfirmed messages: each connection starts with an empty Paho client")
    boolean cleanSession() default true;

    @AttributeDefinition(min = "1", max = "65535", description = "Messages that may await their PUBACK at once")
    int maxInFlight() default 100;

    @AttributeDefinition(min = "1", max = "3600", description = "Connect timeout in seconds")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(min = "100", max = "3600000", description = "First reconnect delay in milliseconds (doubles up to the maximum, with jitter)")
    long reconnectMinMillis() default 1000;

    @AttributeDefinition(min = "100", max = "86400000", description = "Longest reconnect delay in milliseconds; not below reconnectMinMillis")
    long reconnectMaxMillis() default 60000;

    @AttributeDefinition(min = "1", max = "268435455", description = "Largest payload in bytes the broker accepts; set it to the broker's "
        + "message_size_limit (Mosquitto acknowledges and drops a larger QoS 1 message from an MQTT 3.1.1 client, so only the link can refuse it)")
    int maxMessageBytes() default 268435455;

    @AttributeDefinition(min = "1", max = "3600", description = "Seconds a delivery may wait for its PUBACK; then it fails and its Paho in-flight slot is freed")
    int deliveryTimeoutSeconds() default 30;

    @AttributeDefinition(required = false, description = "PEM file of the CA(s) that sign the broker's certificate (ssl:// only); empty uses the JVM's trust store")
    String caFile() default "";

    @AttributeDefinition(required = false, description = "PEM client certificate (chain) for mutual TLS, empty for none")
    String clientCertFile() default "";

    @AttributeDefinition(required = false, description = "PEM PKCS#8 private key of the client certificate")
    String clientKeyFile() default "";

    @AttributeDefinition(description = "Which cloud profile encodes messages (LDAP filter on outpost.profile)")
    String profile_target() default "(outpost.profile=kura)";

    @AttributeDefinition(min = "1", max = "16", description = "Threads that decode and dispatch requests from the control filter")
    int requestWorkers() default 2;

    @AttributeDefinition(min = "1", max = "10000", description = "Requests that may wait for a thread; when full, a request is dropped and counted (the requester times out)")
    int requestQueue() default 64;

    @AttributeDefinition(min = "1", max = "86400", description = "Seconds a reply stays worth sending: an older reply (it waited in the outbox through an outage) is dropped and counted instead of delivered")
    int replyTtlSeconds() default 120;

    @AttributeDefinition(description = "The link's id (outpost.link): 'wired' for the main instance; a second instance over another IP path "
        + "(a factory configuration) needs its own, e.g. 'cellular-data'")
    String linkId() default "wired";

    @AttributeDefinition(description = "Kind for the router: wired, cellular (the modem's data connection) or satellite")
    String kind() default "wired";

    @AttributeDefinition(description = "Cost per 1000 bytes carried (0 for a flat-rate line)")
    double costPerKilobyte() default 0;

    @AttributeDefinition(description = "Cost per message")
    double costPerMessage() default 0;

    @AttributeDefinition(description = "Flat monthly fee (not counted against the budget)")
    double monthlyFee() default 0;

    @AttributeDefinition(description = "What use may cost per billing month; alarms ignore it. Must be above 0 when the link is paid per use")
    double monthlyBudget() default 0;

    @AttributeDefinition(description = "Message classes this link may carry")
    String[] allowedClasses() default {"ALARM", "REPLY", "LIFECYCLE", "EVENT", "TELEMETRY"};

    @AttributeDefinition(min = "0", max = "1000", description = "Priority for alarms and events, lower first")
    int priority() default 10;

    @AttributeDefinition(required = false, description = "Daily windows HH:MM-HH:MM (local time) in which it may carry anything but alarms; empty means always")
    String[] windows() default {};

    @AttributeDefinition(description = "Whether this instance announces the gateway: birth, last will and disconnect, and HQ's requests on the "
        + "control topics. Set false on a second instance (it then connects as <clientId>-<linkId>, so the broker does not "
        + "take one session over with the other, and no request is executed twice)")
    boolean announce() default true;
}
