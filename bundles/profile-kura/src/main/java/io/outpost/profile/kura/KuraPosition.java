package io.outpost.profile.kura;

/**
 * Where the gateway is, as KuraPayload's optional position carries it. Latitude and longitude are required;
 * the other fields are null when unknown and are then left out of the payload.
 */
record KuraPosition(double latitude, double longitude, Double altitude, Double precision, Double heading,
                    Double speed, Long timestamp, Integer satellites, Integer status) {

    static KuraPosition of(double latitude, double longitude) {
        return new KuraPosition(latitude, longitude, null, null, null, null, null, null, null);
    }
}
