package io.outpost.ota;

/**
 * A bundle an install changes, as the journal remembers it, so that it can be put back.
 *
 * @param symbolicName the bundle
 * @param existed      whether it was installed before (false: the install adds it, a rollback removes it)
 * @param wasActive    whether it was active before (a rollback starts it again)
 * @param backup       the file with its previous content (copied from the running bundle), empty when it did not exist
 * @param newVersion   the version the package brings
 */
record TouchedBundle(String symbolicName, boolean existed, boolean wasActive, String backup, String newVersion) {

    /** One journal line value: fields separated by '|', which a symbolic name or a path here cannot contain. */
    String encode() {
        return symbolicName + "|" + existed + "|" + wasActive + "|" + backup + "|" + newVersion;
    }

    static TouchedBundle decode(String text) {
        String[] f = text.split("\\|", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("journal: malformed touched bundle '" + text + "'");
        }
        return new TouchedBundle(f[0], Boolean.parseBoolean(f[1]), Boolean.parseBoolean(f[2]), f[3], f[4]);
    }
}
