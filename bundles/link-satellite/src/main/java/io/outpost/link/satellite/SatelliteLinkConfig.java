package io.outpost.link.satellite;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost satellite link", description = "An Iridium SBD modem on a serial port")
@interface SatelliteLinkConfig {

    @AttributeDefinition(description = "Serial port of the modem, e.g. /dev/ttyUSB0")
    String port();

    @AttributeDefinition(min = "1200", max = "115200", description = "Baud rate (Iridium modems default to 19200)")
    int baudRate() default 19200;

    @AttributeDefinition(min = "0", max = "4294967295", description = "This gateway's compact id (in every frame header)")
    long gatewayId();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "This gateway's AES-256 key, 32 bytes in base64 (HQ holds the same)")
    String key();

    @AttributeDefinition(required = false, description = "File that keeps the frame sequence across restarts; empty: the bundle's data area")
    String sequenceFile() default "";

    @AttributeDefinition(min = "1", max = "3600", description = "Seconds between signal checks (AT+CSQ)")
    int pollSeconds() default 30;

    @AttributeDefinition(min = "0", max = "5", description = "Fewest signal bars (AT+CSQ 0-5) for the link to be UP")
    int minSignal() default 1;

    @AttributeDefinition(min = "1", max = "120", description = "Seconds a plain command may take")
    int commandTimeoutSeconds() default 5;

    @AttributeDefinition(min = "5", max = "600", description = "Seconds an SBD session (AT+SBDIX) may take")
    int sessionTimeoutSeconds() default 90;

    @AttributeDefinition(min = "1", max = "20", description = "Sessions tried per delivery before it fails back to the outbox")
    int attemptsPerDelivery() default 3;

    @AttributeDefinition(min = "10", max = "3600000", description = "Delay in milliseconds after the first failed session (doubles each time)")
    long retryMinMillis() default 5000;

    @AttributeDefinition(min = "10", max = "3600000", description = "Longest delay in milliseconds between sessions; not below retryMinMillis")
    long retryMaxMillis() default 120000;

    @AttributeDefinition(description = "Cost per SBD session that sends a message")
    double costPerMessage() default 0.15;

    @AttributeDefinition(description = "Cost per 1000 bytes")
    double costPerKilobyte() default 0;

    @AttributeDefinition(description = "Monthly line fee")
    double monthlyFee() default 15;

    @AttributeDefinition(description = "What may be spent per billing month (alarms ignore it)")
    double monthlyBudget() default 30;

    @AttributeDefinition(description = "Message classes this link may carry")
    String[] allowedClasses() default {"ALARM", "EVENT"};

    @AttributeDefinition(min = "0", max = "1000", description = "Lower is tried first for alarms")
    int priority() default 30;
}
