/**
 * API tokens: the credentials of HQ's REST API. A token is a high-entropy secret shown once when it is created;
 * HQ keeps only its hash. {@link io.outpost.api.hq.token.ApiTokens} creates, lists, revokes and checks them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.outpost.api.hq.token;
