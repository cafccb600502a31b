package io.outpost.profile.kura;

/**
 * A validated {@link KuraProfileConfig}. A bad value refuses the whole configuration with a message naming
 * the field.
 */
record KuraSettings(String controlPrefix, PayloadFormat format, String displayName, String modelName, String modelId,
                    String serialNumber, long birthDebounceMillis) {

    KuraSettings {
        if (controlPrefix == null || controlPrefix.isBlank() || controlPrefix.contains("/") || controlPrefix.contains("+")
            || controlPrefix.contains("#")) {
            throw new IllegalArgumentException("controlPrefix '" + controlPrefix + "' must be one non-empty topic level without / + #");
        }
        if (birthDebounceMillis < 0) {
            throw new IllegalArgumentException("birthDebounceMillis must not be negative, got " + birthDebounceMillis);
        }
        displayName = blankToEmpty(displayName);
        modelName = blankToEmpty(modelName);
        modelId = blankToEmpty(modelId);
        serialNumber = blankToEmpty(serialNumber);
    }

    static KuraSettings from(KuraProfileConfig config) {
        return new KuraSettings(config.controlPrefix().trim(), new PayloadFormat(PayloadFormat.Encoding.parse(config.encoding()), config.gzip()),
            config.displayName(), config.modelName(), config.modelId(), config.serialNumber(), config.birthDebounceMillis());
    }

    /** Defaults, as an unconfigured profile uses them. */
    static KuraSettings defaults() {
        return new KuraSettings("$EDC", new PayloadFormat(PayloadFormat.Encoding.PROTOBUF, false), "", "", "", "", 2000);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
