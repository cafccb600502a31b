package io.outpost.profile.kura;

import io.outpost.api.profile.GatewayIdentity;

/**
 * The Kura/Kapua topic namespace. Data goes to {@code <account>/<client-id>/<app-topic>}; lifecycle, replies
 * and requests live under the control prefix: {@code $EDC/<account>/<client-id>/...}.
 */
record KuraTopics(String controlPrefix) {

    String data(GatewayIdentity gw, String appTopic) {
        return gw.account() + "/" + gw.clientId() + "/" + appTopic;
    }

    String control(GatewayIdentity gw, String appTopic) {
        return controlPrefix + "/" + gw.account() + "/" + gw.clientId() + "/" + appTopic;
    }

    /** A reply: {@code <prefix>/<account>/<requester>/<app-id>/REPLY/<request-id>}; the topic given starts at the requester. */
    String reply(GatewayIdentity gw, String fromRequester) {
        return controlPrefix + "/" + gw.account() + "/" + fromRequester;
    }

    String birth(GatewayIdentity gw) {
        return control(gw, "MQTT/BIRTH");
    }

    String apps(GatewayIdentity gw) {
        return control(gw, "MQTT/APPS");
    }

    String disconnect(GatewayIdentity gw) {
        return control(gw, "MQTT/DC");
    }

    String lastWill(GatewayIdentity gw) {
        return control(gw, "MQTT/LWT");
    }

    String controlFilter(GatewayIdentity gw) {
        return control(gw, "#");
    }
}
