package io.outpost.ota;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "OTA updates", description = "Signed, resumable, health-checked updates of bundles (docs/ota.md)")
@interface OtaConfig {

    @AttributeDefinition(description = "Trusted Ed25519 public keys, one base64 line each (the .pub file of the signer's keygen); several for key rotation. No key: every package is refused")
    String[] trustedKeys() default {};

    @AttributeDefinition(description = "Folder of the journal, downloads, backups and installed packages; relative to the gateway home")
    String workDir() default "data/ota";

    @AttributeDefinition(description = "PEM file of the CA certificates HTTPS servers must chain to (relative to the gateway home); empty: the JDK's trust store")
    String trustStore() default "";

    @AttributeDefinition(min = "1", max = "3600", description = "Seconds the installed package has to become healthy before it is rolled back")
    int healthDeadlineSeconds() default 60;

    @AttributeDefinition(description = "Whether the health check also waits for an upstream link that was up before the install to be up again")
    boolean requireLinkUp() default true;

    @AttributeDefinition(min = "100", description = "HTTP connect timeout in milliseconds")
    int connectTimeoutMillis() default 10000;

    @AttributeDefinition(min = "100", description = "Milliseconds without a byte before a download attempt counts as dropped")
    int readTimeoutMillis() default 30000;

    @AttributeDefinition(min = "0", max = "1000", description = "Attempts to resume a dropped download before the job fails")
    int downloadRetries() default 10;

    @AttributeDefinition(min = "0", description = "Milliseconds to wait before resuming a dropped download (doubles per attempt, at most 60 s)")
    long retryDelayMillis() default 500;

    @AttributeDefinition(min = "0", description = "Free bytes to keep on the disk on top of the package (checked before the download starts)")
    long minFreeBytes() default 4194304;

    @AttributeDefinition(min = "1", description = "Largest package accepted, in bytes")
    long maxPackageBytes() default 67108864;

    @AttributeDefinition(min = "0", description = "Download rate limit in bytes per second; 0: unlimited")
    long throttleBytesPerSecond() default 0;

    @AttributeDefinition(description = "Client id used in DEPLOY-V2 NOTIFY topics; empty: the MQTT link's configured clientId")
    String clientId() default "";
}
