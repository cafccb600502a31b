package io.outpost.ota.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Signs a package file: Ed25519 over its SHA-256 (see {@link PackageSignature}). */
public final class PackageSigner {

    private final PrivateKey privateKey;
    private final String keyId;

    /** @param publicKey the private key's pair: its id goes into every signature */
    public PackageSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.keyId = SigningKeys.keyId(publicKey);
    }

    public PackageSignature sign(Path packageFile) throws IOException {
        return signDigest(PackageDigest.sha256(packageFile));
    }

    public PackageSignature signDigest(byte[] sha256) {
        try {
            Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(PackageSignature.signedMessage(sha256));
            return new PackageSignature(keyId, sha256, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }
}
