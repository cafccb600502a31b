/**
 * HQ's REST API: servlets on the OSGi servlet whiteboard in the context {@value io.outpost.hq.rest.ApiContext#NAME},
 * which lets a request in only with an active API token ({@code Authorization: Bearer <token>}). Any bundle may add
 * servlets to that context (the alerts endpoints do) and they are authenticated the same way. Answers are JSON; a bad
 * parameter is a 400 naming it. Not exported: the API is the HTTP interface, described in {@code openapi.json}.
 */
package io.outpost.hq.rest;
