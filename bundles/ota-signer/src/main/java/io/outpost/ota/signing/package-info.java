/**
 * Ed25519 signatures of OTA packages, JDK only. A package is signed by a detached signature file over its SHA-256
 * ({@link io.outpost.ota.signing.PackageSignature}); the gateway checks it against its trusted public keys
 * ({@link io.outpost.ota.signing.SignatureCheck}) before anything is installed. {@link io.outpost.ota.signing.SignerTool}
 * is the command line for HQ and operators: generate a key pair, print a public key, sign, verify.
 * Not exported: bundles that need it embed it (bnd {@code -conditionalpackage}).
 */
package io.outpost.ota.signing;
