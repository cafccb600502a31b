package io.outpost.link.cellular;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost cellular SMS link", description = "A 3GPP modem on a serial port: status for the birth certificate, alarms by SMS, commands by SMS")
@interface CellularLinkConfig {

    @AttributeDefinition(description = "Serial port of the modem's AT interface, e.g. /dev/ttyUSB2")
    String port();

    @AttributeDefinition(min = "1200", max = "921600", description = "Baud rate")
    int baudRate() default 115200;

    @AttributeDefinition(description = "HQ's SMS number in international form, e.g. +4915790000000")
    String hqNumber();

    @AttributeDefinition(min = "0", max = "4294967295", description = "This gateway's compact id (in every frame header)")
    long gatewayId();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "This gateway's AES-256 key, 32 bytes in base64 (HQ holds the same)")
    String key();

    @AttributeDefinition(required = false, description = "File that keeps the SMS frame sequence across restarts; empty: the bundle's data area")
    String sequenceFile() default "";

    @AttributeDefinition(min = "1", max = "3600", description = "Seconds between registration and signal checks")
    int pollSeconds() default 30;

    @AttributeDefinition(min = "0", max = "31", description = "Lowest AT+CSQ rssi (0-31) for the link to carry messages; below it the link is DOWN")
    int minSignal() default 5;

    @AttributeDefinition(min = "0", max = "31", description = "AT+CSQ rssi (0-31) below which the link is DEGRADED (it still carries messages, "
        + "and a router prefers links that are UP); at or below minSignal this never happens")
    int degradedBelowSignal() default 10;

    @AttributeDefinition(min = "1", max = "120", description = "Seconds a plain command may take")
    int commandTimeoutSeconds() default 5;

    @AttributeDefinition(min = "5", max = "600", description = "Seconds sending one SMS may take")
    int smsTimeoutSeconds() default 60;

    @AttributeDefinition(description = "Command that resets the modem when it stops answering (e.g. AT+CFUN=1,1)")
    String resetCommand() default "AT+CFUN=1,1";

    @AttributeDefinition(min = "1", max = "100", description = "Unanswered commands in a row before the modem is reset")
    int unansweredBeforeReset() default 3;

    @AttributeDefinition(description = "Cost per SMS")
    double costPerMessage() default 0.09;

    @AttributeDefinition(description = "Monthly fee of the SIM's SMS option")
    double monthlyFee() default 0;

    @AttributeDefinition(description = "What may be spent per billing month (alarms ignore it)")
    double monthlyBudget() default 5;

    @AttributeDefinition(description = "Message classes this link may carry")
    String[] allowedClasses() default {"ALARM"};

    @AttributeDefinition(min = "0", max = "1000", description = "Lower is tried first for alarms")
    int priority() default 20;
}
