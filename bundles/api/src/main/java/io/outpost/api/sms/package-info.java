/** Plain text messages through the gateway's modem, for people rather than for HQ (see {@link io.outpost.api.sms.TextMessages}). */
@Version("1.0.0")
@Export
package io.outpost.api.sms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
