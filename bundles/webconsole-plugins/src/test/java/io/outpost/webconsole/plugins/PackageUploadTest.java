package io.outpost.webconsole.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageUploadTest {

    static final String BOUNDARY = "----WebKitFormBoundaryx7Jq2ZkTu0mQ9aBc";
    static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    @TempDir
    Path uploads;

    @Test
    void theFileComesOutByteForByteEvenWhenItContainsPiecesOfTheBoundary() throws Exception {
        Random random = new Random(7);
        byte[] boundaryBits = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            int pieces = random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                if (random.nextBoolean()) {
                    content.write(boundaryBits, 0, random.nextInt(boundaryBits.length)); // a prefix, never the whole delimiter
                } else {
                    byte[] noise = new byte[random.nextInt(300)];
                    random.nextBytes(noise);
                    content.write(noise);
                }
            }
            content.write(1); // never empty
            byte[] file = content.toByteArray();
            if (new String(file, StandardCharsets.ISO_8859_1).contains("\r\n--" + BOUNDARY)) {
                continue;
            }
            byte[] body = form(file, "outpost-ota-signature 1\nkey abc\n");
            try (PackageUpload u = PackageUpload.receive(TYPE, body.length, () -> new ByteArrayInputStream(body), uploads, 1 << 20)) {
                assertArrayEquals(file, Files.readAllBytes(u.packageFile()), "round " + round);
                assertEquals("outpost-ota-signature 1\nkey abc", u.signatureText());
                assertEquals("probe-1.0.0.jar", u.packageFile().getFileName().toString());
                assertTrue(u.packageFile().startsWith(uploads));
            }
            assertEmpty(uploads);
        }
    }

    @Test
    void aPackageOverTheMaximumIsRefusedNamingTheSettingAndLeavesNothing() throws Exception {
        byte[] body = form(new byte[5000], "sig");
        PackageUpload.Refused e = assertThrows(PackageUpload.Refused.class,
            () -> PackageUpload.receive(TYPE, -1, () -> new ByteArrayInputStream(body), uploads, 4096));
        assertEquals(413, e.status);
        assertTrue(e.getMessage().contains("maximum of 4096 bytes (maxUploadBytes of io.outpost.webconsole.updates)"), e.getMessage());
        assertEmpty(uploads);
    }

    @Test
    void aDeclaredLengthOverTheMaximumIsRefusedBeforeAnyByteIsRead() {
        PackageUpload.Body untouchable = () -> {
            throw new AssertionError("the body was opened");
        };
        PackageUpload.Refused e = assertThrows(PackageUpload.Refused.class,
            () -> PackageUpload.receive(TYPE, 100L << 20, untouchable, uploads, 64L << 20));
        assertEquals(413, e.status);
        assertTrue(e.getMessage().startsWith("the upload is 104857600 bytes, more than the maximum of 67108864 bytes"), e.getMessage());
    }

    @Test
    void withoutAPackageFileTheFieldIsNamed() throws Exception {
        String text = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"package\"; filename=\"\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"signature\"\r\n\r\n"
            + "x\r\n--" + BOUNDARY + "--\r\n";
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        PackageUpload.Refused e = assertThrows(PackageUpload.Refused.class,
            () -> PackageUpload.receive(TYPE, body.length, () -> new ByteArrayInputStream(body), uploads, 4096));
        assertEquals(400, e.status);
        assertEquals("field 'package': no package file was chosen", e.getMessage());
        assertEmpty(uploads);
    }

    @Test
    void aFormThatIsNotMultipartOrEndsEarlyIsRefused() throws Exception {
        PackageUpload.Refused notMultipart = assertThrows(PackageUpload.Refused.class, () -> PackageUpload.receive(
            "application/x-www-form-urlencoded", 3, () -> new ByteArrayInputStream("a=b".getBytes(StandardCharsets.US_ASCII)), uploads, 4096));
        assertEquals(400, notMultipart.status);
        byte[] full = form(new byte[100], "sig");
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 60);
        IOException e = assertThrows(IOException.class, () -> PackageUpload.receive(TYPE, -1, () -> new ByteArrayInputStream(cut), uploads, 4096));
        assertTrue(e.getMessage().contains("ended before its last part"), e.getMessage());
        assertEmpty(uploads);
    }

    @Test
    void theBoundaryIsReadQuotedOrNot() {
        assertEquals("abc", MultipartReader.boundary("multipart/form-data; boundary=abc").orElseThrow());
        assertEquals("a b", MultipartReader.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"").orElseThrow());
        assertTrue(MultipartReader.boundary("text/plain; boundary=abc").isEmpty());
        assertTrue(MultipartReader.boundary("multipart/form-data").isEmpty());
    }

    @Test
    void aFileNameLosesItsFoldersAndOddCharacters() {
        assertEquals("probe.jar", PackageUpload.safeFileName("C:\\Users\\op\\probe.jar"));
        assertEquals("passwd", PackageUpload.safeFileName("../../etc/passwd"));
        assertEquals("package", PackageUpload.safeFileName(".."));
        assertEquals("a_b__.jar", PackageUpload.safeFileName("a b\u00e9;.jar"));
    }

    /** The form as Chromium sends it: a preamble-free body, the package then the signature file. */
    static byte[] form(byte[] file, String signature) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"package\"; filename=\"probe-1.0.0.jar\"\r\n"
            + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        b.write(file);
        b.write(("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"signature\"; filename=\"probe-1.0.0.jar.sig\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n" + signature + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    static void assertEmpty(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(0, s.count(), "files left in " + folder);
        }
    }
}
