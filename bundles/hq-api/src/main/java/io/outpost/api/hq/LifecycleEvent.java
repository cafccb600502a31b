package io.outpost.api.hq;

/** The gateway lifecycle messages of the kura profile ({@code $EDC/<account>/<client-id>/MQTT/<event>}). */
public enum LifecycleEvent {
    BIRTH, APPS, DC, LWT
}
