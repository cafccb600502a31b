package io.outpost.api.hq;

/**
 * Reads payloads of one kind. Registered as a service with the property {@value #KIND} naming that kind
 * ({@code kura-protobuf}, {@code kura-json}; the compact SMS/SBD form will add its own); ingest picks the decoder
 * by kind, so installing a bundle with a decoder adds a payload kind. A decoder must not throw anything but
 * {@link MalformedPayloadException}, whatever the bytes, and must not allocate more than the payload suggests.
 */
public interface PayloadDecoder {

    /** The service property naming the payload kind a decoder reads. */
    String KIND = "outpost.hq.payload.kind";

    DecodedPayload decode(byte[] payload) throws MalformedPayloadException;
}
