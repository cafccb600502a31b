/**
 * Remote requests from HQ: the {@link io.outpost.api.request.RequestHandler} whiteboard (one service per
 * application id), the {@link io.outpost.api.request.Request} and {@link io.outpost.api.request.Response} they
 * exchange, and the {@link io.outpost.api.request.RequestDispatcher} the inbound entry points call. A request
 * is parsed, checked and authorized before any handler sees it. 1.1: a second entry point,
 * {@link io.outpost.api.request.RequestDispatcher#dispatch(io.outpost.api.profile.ControlMessage, String)}, for
 * requests that arrive over other links (SMS, SBD).
 */
@Version("1.1.0")
@Export
package io.outpost.api.request;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
