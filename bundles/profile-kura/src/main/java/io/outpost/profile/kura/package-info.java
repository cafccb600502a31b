/**
 * The {@code kura} cloud profile: Eclipse Kura / Kapua compatible topics, the KuraPayload protobuf (or JSON)
 * payload written by hand, and the birth certificate with the device profile. docs/protocol.md describes the
 * wire format; src/main/resources/docs/kurapayload.proto is its schema.
 */
package io.outpost.profile.kura;
