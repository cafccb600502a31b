package io.outpost.ota.signing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line (docs/ota.md, "Signing guide"):
 * <pre>
 * java -jar io.outpost.ota.signer.jar keygen  &lt;name&gt;                 writes name.key (private, PEM) and name.pub (one base64 line)
 * java -jar io.outpost.ota.signer.jar keyid   &lt;name.pub&gt;             prints the key id
 * java -jar io.outpost.ota.signer.jar sign    &lt;name.key&gt; &lt;name.pub&gt; &lt;package&gt;   writes package.sig
 * java -jar io.outpost.ota.signer.jar verify  &lt;package&gt; &lt;package.sig&gt; &lt;trusted.pub&gt;...
 * </pre>
 * Exit code 0 on success, 1 when a verification fails, 2 on wrong usage or an unreadable file.
 */
public final class SignerTool {

    private SignerTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err);
        }
        try {
            switch (args[0]) {
                case "keygen" -> {
                    if (args.length != 2) {
                        return usage(err);
                    }
                    KeyPair pair = SigningKeys.generate();
                    Path key = Path.of(args[1] + ".key");
                    Path pub = Path.of(args[1] + ".pub");
                    SigningKeys.writePrivateKey(key, pair.getPrivate());
                    Files.writeString(pub, SigningKeys.publicKeyText(pair.getPublic()) + "\n", StandardCharsets.US_ASCII);
                    out.println("private key " + key + " (keep it secret), public key " + pub + ", key id " + SigningKeys.keyId(pair.getPublic()));
                    return 0;
                }
                case "keyid" -> {
                    if (args.length != 2) {
                        return usage(err);
                    }
                    out.println(SigningKeys.keyId(readPublic(Path.of(args[1]))));
                    return 0;
                }
                case "sign" -> {
                    if (args.length != 4) {
                        return usage(err);
                    }
                    PackageSigner signer = new PackageSigner(SigningKeys.readPrivateKey(Path.of(args[1])), readPublic(Path.of(args[2])));
                    Path pkg = Path.of(args[3]);
                    PackageSignature signature = signer.sign(pkg);
                    Path sig = Path.of(args[3] + ".sig");
                    Files.writeString(sig, signature.toText(), StandardCharsets.US_ASCII);
                    out.println("signed " + pkg + " with key " + signature.keyId() + ": " + sig);
                    return 0;
                }
                case "verify" -> {
                    if (args.length < 4) {
                        return usage(err);
                    }
                    List<PublicKey> trusted = new ArrayList<>();
                    for (int i = 3; i < args.length; i++) {
                        trusted.add(readPublic(Path.of(args[i])));
                    }
                    SignatureCheck.Verdict verdict = new SignatureCheck(trusted)
                        .check(PackageDigest.sha256(Path.of(args[1])), Files.readString(Path.of(args[2]), StandardCharsets.US_ASCII));
                    (verdict.valid() ? out : err).println(verdict.outcome().code() + ": " + verdict.reason());
                    return verdict.valid() ? 0 : 1;
                }
                default -> {
                    return usage(err);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static PublicKey readPublic(Path file) throws IOException {
        try {
            return SigningKeys.parsePublicKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: keygen <name> | keyid <name.pub> | sign <name.key> <name.pub> <package> | verify <package> <package.sig> <trusted.pub>...");
        return 2;
    }
}
