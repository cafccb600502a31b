/**
 * One AT command session per modem, shared by the cellular and satellite links. A {@link io.outpost.modem.at.SerialLine}
 * carries bytes (jSerialComm in production, {@link io.outpost.modem.at.SerialPortLine}); a
 * {@link io.outpost.modem.at.LineFramer} cuts them into lines, dropping control bytes and over-long lines; an
 * {@link io.outpost.modem.at.AtSession} sends one command at a time and waits for its final result code with a
 * timeout, and hands unsolicited result codes (URCs) to listeners. Each session has its own reader thread, so a
 * modem that stops answering blocks only its own link.
 *
 * <p>Words: a <em>line</em> is what ends in CR or LF; a <em>final result</em> ends a command ({@code OK},
 * {@code ERROR}, {@code +CME ERROR: n}, {@code +CMS ERROR: n}, ...); a <em>URC</em> is a line the modem sends
 * by itself ({@code +CREG: 1}, {@code RING}, {@code +CMTI: "SM",3}, {@code SBDRING}).
 */
@Version("1.0.0")
@Export
package io.outpost.modem.at;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
