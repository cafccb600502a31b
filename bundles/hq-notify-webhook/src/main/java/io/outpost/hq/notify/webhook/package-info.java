/**
 * The webhook notifier: each notification is POSTed as a JSON object to a configured URL with an
 * {@code X-Outpost-Signature: sha256=<hex HMAC-SHA256 of the body>} header, so the receiver can check it came from
 * HQ. A non-2xx answer or a timeout is a failure the alert engine retries with back-off.
 */
package io.outpost.hq.notify.webhook;
