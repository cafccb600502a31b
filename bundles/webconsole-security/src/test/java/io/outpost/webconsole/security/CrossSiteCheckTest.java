package io.outpost.webconsole.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CrossSiteCheckTest {

    @Test
    void readsAreNeverRefused() {
        assertNull(CrossSiteCheck.refusal("GET", "https", "gw:8443", "https://evil", null, "cross-site"));
    }

    @Test
    void aPostFromTheConsoleItselfGoesOn() {
        assertNull(CrossSiteCheck.refusal("POST", "https", "127.0.0.1:8443", "https://127.0.0.1:8443", null, "same-origin"));
        assertNull(CrossSiteCheck.refusal("POST", "https", "127.0.0.1:8443", null, "https://127.0.0.1:8443/system/console/configMgr", null));
    }

    @Test
    void aPostFromAnotherOriginOrWithoutOriginIsRefused() {
        assertEquals("cross-site request refused: Origin https://evil.example is not https://127.0.0.1:8443",
            CrossSiteCheck.refusal("POST", "https", "127.0.0.1:8443", "https://evil.example", null, null));
        assertNotNull(CrossSiteCheck.refusal("POST", "https", "127.0.0.1:8443", null, "https://127.0.0.1:8443.evil/x", null));
        assertNotNull(CrossSiteCheck.refusal("DELETE", "https", "127.0.0.1:8443", null, null, null));
        assertNotNull(CrossSiteCheck.refusal("POST", "https", "127.0.0.1:8443", "https://127.0.0.1:8443", null, "cross-site"));
    }
}
