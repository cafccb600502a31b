package io.outpost.ota.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureCheckTest {

    @TempDir
    Path dir;

    private Path packageFile(byte[] content) throws Exception {
        Path file = dir.resolve("pkg.dp");
        Files.write(file, content);
        return file;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    @Test
    void aPackageSignedByATrustedKeyIsValid() throws Exception {
        KeyPair pair = SigningKeys.generate();
        Path pkg = packageFile(randomBytes(10_000));
        String sig = new PackageSigner(pair.getPrivate(), pair.getPublic()).sign(pkg).toText();

        SignatureCheck.Verdict verdict = new SignatureCheck(List.of(pair.getPublic())).check(PackageDigest.sha256(pkg), sig);

        assertEquals(SignatureCheck.Outcome.VALID, verdict.outcome(), verdict.reason());
    }

    @Test
    void oneChangedByteIsTampered() throws Exception {
        KeyPair pair = SigningKeys.generate();
        byte[] content = randomBytes(10_000);
        Path pkg = packageFile(content);
        String sig = new PackageSigner(pair.getPrivate(), pair.getPublic()).sign(pkg).toText();
        content[5000] ^= 1;
        Files.write(pkg, content);

        SignatureCheck.Verdict verdict = new SignatureCheck(List.of(pair.getPublic())).check(PackageDigest.sha256(pkg), sig);

        assertEquals(SignatureCheck.Outcome.TAMPERED, verdict.outcome());
    }

    @Test
    void aSignatureWhoseDigestWasAlsoChangedDoesNotVerify() throws Exception {
        KeyPair pair = SigningKeys.generate();
        byte[] content = randomBytes(1000);
        Path pkg = packageFile(content);
        PackageSignature good = new PackageSigner(pair.getPrivate(), pair.getPublic()).sign(pkg);
        content[0] ^= 1;
        Files.write(pkg, content);
        byte[] newDigest = PackageDigest.sha256(pkg);
        String forged = new PackageSignature(good.keyId(), newDigest, good.signature()).toText();

        SignatureCheck.Verdict verdict = new SignatureCheck(List.of(pair.getPublic())).check(newDigest, forged);

        assertEquals(SignatureCheck.Outcome.INVALID, verdict.outcome());
    }

    @Test
    void aKeyThatIsNotTrustedIsRefusedAndRotationTrustsBothKeys() throws Exception {
        KeyPair oldKey = SigningKeys.generate();
        KeyPair newKey = SigningKeys.generate();
        Path pkg = packageFile(randomBytes(100));
        byte[] digest = PackageDigest.sha256(pkg);
        String byNew = new PackageSigner(newKey.getPrivate(), newKey.getPublic()).sign(pkg).toText();
        String byOld = new PackageSigner(oldKey.getPrivate(), oldKey.getPublic()).sign(pkg).toText();

        assertEquals(SignatureCheck.Outcome.UNTRUSTED, new SignatureCheck(List.of(oldKey.getPublic())).check(digest, byNew).outcome());
        SignatureCheck both = new SignatureCheck(List.of(oldKey.getPublic(), newKey.getPublic()));
        assertTrue(both.check(digest, byNew).valid());
        assertTrue(both.check(digest, byOld).valid());
    }

    @Test
    void noSignatureIsUnsignedAndGarbageIsMalformedNamingTheField() throws Exception {
        KeyPair pair = SigningKeys.generate();
        SignatureCheck check = new SignatureCheck(List.of(pair.getPublic()));
        byte[] digest = new byte[32];

        assertEquals(SignatureCheck.Outcome.UNSIGNED, check.check(digest, null).outcome());
        assertEquals(SignatureCheck.Outcome.UNSIGNED, check.check(digest, "  \n").outcome());
        SignatureCheck.Verdict garbage = check.check(digest, "outpost-ota-signature 1\nalgorithm Ed25519\nkey 0011223344556677\nsha256 zz\n");
        assertEquals(SignatureCheck.Outcome.MALFORMED, garbage.outcome());
        assertTrue(garbage.reason().contains("'sha256'"), garbage.reason());
    }

    @Test
    void theToolGeneratesSignsAndVerifiesWithExitCodes() throws Exception {
        Path pkg = packageFile(randomBytes(5000));
        String name = dir.resolve("hq").toString();
        String other = dir.resolve("other").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);

        assertEquals(0, SignerTool.run(new String[] {"keygen", name}, o, o));
        assertEquals(0, SignerTool.run(new String[] {"keygen", other}, o, o));
        assertEquals(0, SignerTool.run(new String[] {"sign", name + ".key", name + ".pub", pkg.toString()}, o, o));
        assertEquals(0, SignerTool.run(new String[] {"verify", pkg.toString(), pkg + ".sig", other + ".pub", name + ".pub"}, o, o));
        assertEquals(1, SignerTool.run(new String[] {"verify", pkg.toString(), pkg + ".sig", other + ".pub"}, o, o));
        assertEquals(2, SignerTool.run(new String[] {"sign", name + ".key"}, o, o));
        byte[] content = Files.readAllBytes(pkg);
        content[10] ^= 1;
        Files.write(pkg, content);
        assertEquals(1, SignerTool.run(new String[] {"verify", pkg.toString(), pkg + ".sig", name + ".pub"}, o, o));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("tampered"), out.toString(StandardCharsets.UTF_8));
    }
}
