/**
 * The satellite link ({@code outpost.link=satellite}): an Iridium SBD modem on a serial port carries each message as
 * one compact authenticated frame of at most 340 bytes (AT+SBDWB, then AT+SBDIX sessions with back-off), and brings
 * down mobile-terminated commands (AT+SBDRB) for the {@link io.outpost.codec.compact.CommandListener} whiteboard.
 * Not exported.
 */
package io.outpost.link.satellite;
