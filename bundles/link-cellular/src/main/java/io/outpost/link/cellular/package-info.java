/**
 * The cellular SMS link ({@code outpost.link=cellular-sms}): a 3GPP modem on a serial port reports SIM,
 * registration, signal, operator, IMEI and ICCID (published as service properties for the birth certificate),
 * carries messages that fit one 160-character SMS as compact authenticated frames ({@code AT+CMGF=1},
 * {@code AT+CMGS}), reads and deletes SMS from HQ's number and hands their commands to the
 * {@link io.outpost.codec.compact.CommandListener} whiteboard, and resets a modem that stops answering. Data over
 * the modem's IP connection is not this bundle's job: the OS brings it up and the wired MQTT link uses it
 * ({@code docs/transports.md}). Not exported.
 */
package io.outpost.link.cellular;
