/**
 * Requests that arrive as compact commands over SMS or SBD: the cellular and satellite links authenticate each
 * frame (key, sequence, replay window) and hand its text to the {@link io.outpost.codec.compact.CommandListener}
 * whiteboard; {@link io.outpost.request.compact.CompactRequestListener} parses the text
 * ({@link io.outpost.request.compact.CompactRequest}) and calls the dispatcher's second entry point on a bounded
 * queue of its own. See docs/remote-management.md, "Requests over SMS and SBD".
 */
package io.outpost.request.compact;
