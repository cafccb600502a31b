package io.outpost.ota;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.outpost.ota.signing.SigningKeys;

/**
 * A checked {@link OtaConfig}. {@link #parse} refuses a configuration with a message naming the field.
 */
record OtaSettings(List<PublicKey> trustedKeys, Path workDir, Path trustStore, Duration healthDeadline,
                   boolean requireLinkUp, Duration connectTimeout, Duration readTimeout, int downloadRetries,
                   long retryDelayMillis, long minFreeBytes, long maxPackageBytes, long throttleBytesPerSecond,
                   String clientId) {

    OtaSettings {
        trustedKeys = List.copyOf(trustedKeys);
    }

    static OtaSettings parse(OtaConfig config, Path home) {
        List<PublicKey> keys = new ArrayList<>();
        // a .cfg file gives one string: keys separated by ',' (base64 has no comma)
        List<String> texts = new ArrayList<>();
        for (String entry : config.trustedKeys() == null ? new String[0] : config.trustedKeys()) {
            if (entry != null) {
                texts.addAll(List.of(entry.split(",")));
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) {
                continue;
            }
            try {
                keys.add(SigningKeys.parsePublicKey(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("OTA: 'trustedKeys' entry " + (i + 1) + " is " + e.getMessage());
            }
        }
        require(config.healthDeadlineSeconds() >= 1 && config.healthDeadlineSeconds() <= 3600, "healthDeadlineSeconds", config.healthDeadlineSeconds(), "1-3600");
        require(config.connectTimeoutMillis() >= 100, "connectTimeoutMillis", config.connectTimeoutMillis(), ">= 100");
        require(config.readTimeoutMillis() >= 100, "readTimeoutMillis", config.readTimeoutMillis(), ">= 100");
        require(config.downloadRetries() >= 0 && config.downloadRetries() <= 1000, "downloadRetries", config.downloadRetries(), "0-1000");
        require(config.retryDelayMillis() >= 0, "retryDelayMillis", config.retryDelayMillis(), ">= 0");
        require(config.minFreeBytes() >= 0, "minFreeBytes", config.minFreeBytes(), ">= 0");
        require(config.maxPackageBytes() >= 1, "maxPackageBytes", config.maxPackageBytes(), ">= 1");
        require(config.throttleBytesPerSecond() >= 0, "throttleBytesPerSecond", config.throttleBytesPerSecond(), ">= 0");
        if (config.workDir() == null || config.workDir().isBlank()) {
            throw new IllegalArgumentException("OTA: 'workDir' must not be empty");
        }
        String clientId = config.clientId() == null ? "" : config.clientId().strip();
        if (clientId.contains("/") || clientId.contains("+") || clientId.contains("#")) {
            throw new IllegalArgumentException("OTA: 'clientId' '" + clientId + "' must be one MQTT topic level");
        }
        Path trust = config.trustStore() == null || config.trustStore().isBlank() ? null : home.resolve(config.trustStore());
        return new OtaSettings(keys, home.resolve(config.workDir()), trust, Duration.ofSeconds(config.healthDeadlineSeconds()),
            config.requireLinkUp(), Duration.ofMillis(config.connectTimeoutMillis()), Duration.ofMillis(config.readTimeoutMillis()),
            config.downloadRetries(), config.retryDelayMillis(), config.minFreeBytes(), config.maxPackageBytes(),
            config.throttleBytesPerSecond(), clientId);
    }

    private static void require(boolean ok, String field, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException("OTA: '" + field + "' " + value + " is out of range " + range);
        }
    }
}
