/**
 * HQ's alerts over HTTP, on {@link io.outpost.api.hq.alert.AlertService}: alerts and their acknowledgement, rules
 * and silences as JSON servlets in the API's servlet context {@code outpost-hq-api} (so only a request with an API
 * token gets in, and the token's name is who acknowledged or silenced), and the page behind the signed
 * acknowledgement link of an e-mail in a context of its own, {@code /outpost-hq}, where the link's signature is the
 * credential. Not exported: the API is the HTTP interface, described in hq-rest's {@code openapi.json}.
 */
package io.outpost.hq.alerts.rest;
