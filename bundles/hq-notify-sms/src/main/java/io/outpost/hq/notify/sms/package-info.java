/**
 * The SMS notifier: a provider-style HTTP API (Twilio, MessageBird, a gateway's own HTTP-to-SMS bridge) called with
 * a configurable URL, body template and authorization header. The text is the notification's subject line, cut to
 * {@code maxChars}. A non-2xx answer is a failure the alert engine retries with back-off.
 */
package io.outpost.hq.notify.sms;
