package io.outpost.webconsole.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Updates page's upload form, received: field {@code package} (the package file) is streamed to a new folder
 * under the uploads folder, field {@code signature} (the detached {@code .sig} file, or its text) is read into
 * memory. Bounded by {@code maxUploadBytes}: a larger package is refused, before it is read when the request says
 * its length, else when the limit is crossed. A refusal is a {@link Refused} with the HTTP status and a message
 * naming the field or the setting; nothing is left on disk after one.
 */
final class PackageUpload implements AutoCloseable {

    static final String PACKAGE_FIELD = "package";
    static final String SIGNATURE_FIELD = "signature";
    static final int MAX_SIGNATURE_BYTES = 16 * 1024;
    private static final long FORM_OVERHEAD_BYTES = MAX_SIGNATURE_BYTES + 16 * 1024; // boundaries, headers, the signature

    /** Why an upload was not taken: the HTTP status to answer and the reason in words. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Path folder;
    private final Path packageFile;
    private final String signatureText;

    private PackageUpload(Path folder, Path packageFile, String signatureText) {
        this.folder = folder;
        this.packageFile = packageFile;
        this.signatureText = signatureText;
    }

    /** The request's body, opened only once the declared length was found acceptable. */
    @FunctionalInterface
    interface Body {
        InputStream open() throws IOException;
    }

    /**
     * Reads the form. {@code contentLength} is the request's declared length, -1 when it has none. The body is not
     * opened when that length is already too large, so a client that sent {@code Expect: 100-continue} gets the
     * refusal without sending the body.
     */
    static PackageUpload receive(String contentType, long contentLength, Body body, Path uploads, long maxUploadBytes)
        throws Refused, IOException {
        if (contentLength > maxUploadBytes + FORM_OVERHEAD_BYTES) {
            throw new Refused(413, "the upload is " + contentLength + " bytes, more than the maximum of " + maxUploadBytes
                + " bytes for a package (maxUploadBytes of " + UpdatesConfig.PID + ")");
        }
        String boundary = MultipartReader.boundary(contentType).orElseThrow(() -> new Refused(400,
            "the upload must be a multipart/form-data form with the fields '" + PACKAGE_FIELD + "' and '" + SIGNATURE_FIELD + "'"));
        Files.createDirectories(uploads);
        long usable = Files.getFileStore(uploads).getUsableSpace();
        long needed = 2 * (contentLength > 0 ? contentLength : maxUploadBytes); // this copy and the OTA service's own
        if (usable < needed) {
            throw new Refused(507, "not enough free disk under " + uploads + ": " + usable + " bytes free, " + needed + " needed");
        }
        Path folder = Files.createTempDirectory(uploads, "upload");
        try {
            return read(new MultipartReader(body.open(), boundary), folder, maxUploadBytes);
        } catch (Refused | IOException | RuntimeException e) {
            deleteTree(folder);
            throw e;
        }
    }

    private static PackageUpload read(MultipartReader form, Path folder, long maxUploadBytes) throws Refused, IOException {
        Path file = null;
        String signature = "";
        Optional<MultipartReader.Part> next;
        while ((next = form.next()).isPresent()) {
            MultipartReader.Part part = next.get();
            try {
                if (part.name().equals(PACKAGE_FIELD) && !part.fileName().isEmpty() && file == null) {
                    file = folder.resolve(safeFileName(part.fileName()));
                    long length;
                    try (OutputStream out = Files.newOutputStream(file)) {
                        length = form.copyBody(out, maxUploadBytes);
                    }
                    if (length == 0) {
                        throw new Refused(400, "field '" + PACKAGE_FIELD + "': the file " + part.fileName() + " is empty");
                    }
                } else if (part.name().equals(SIGNATURE_FIELD)) {
                    signature = form.text(MAX_SIGNATURE_BYTES).strip();
                } else {
                    form.skipBody(MAX_SIGNATURE_BYTES);
                }
            } catch (MultipartReader.TooLarge e) {
                throw part.name().equals(PACKAGE_FIELD)
                    ? new Refused(413, "field '" + PACKAGE_FIELD + "': the package is larger than the maximum of " + maxUploadBytes
                        + " bytes (maxUploadBytes of " + UpdatesConfig.PID + ")")
                    : new Refused(413, "field '" + part.name() + "' is longer than " + MAX_SIGNATURE_BYTES + " bytes");
            }
        }
        if (file == null) {
            throw new Refused(400, "field '" + PACKAGE_FIELD + "': no package file was chosen");
        }
        return new PackageUpload(folder, file, signature);
    }

    Path packageFile() {
        return packageFile;
    }

    /** The signature's text; empty when the form had none (the OTA service then refuses the package as unsigned). */
    String signatureText() {
        return signatureText;
    }

    /** Deletes the received files (the OTA service has its own copy by then). */
    @Override
    public void close() {
        deleteTree(folder);
    }

    /** The browser's file name reduced to a plain name: no folders, only letters, digits, dot, dash and underscore. */
    static String safeFileName(String sent) {
        String base = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
        StringBuilder b = new StringBuilder();
        for (char c : base.toCharArray()) {
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        String name = b.length() > 100 ? b.substring(b.length() - 100) : b.toString();
        return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "package" : name;
    }

    /** Removes what an earlier run left (a crash during an upload). */
    static void clean(Path uploads) {
        if (Files.isDirectory(uploads)) {
            try (Stream<Path> children = Files.list(uploads)) {
                children.forEach(PackageUpload::deleteTree);
            } catch (IOException e) {
                // left for the next start
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still open elsewhere; the next start cleans it
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
