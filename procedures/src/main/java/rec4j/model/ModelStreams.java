package rec4j.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Model files of any size, streamed: written through a temporary file that is synced, renamed into place and its
 * directory synced (after a crash the file is the old one or the new one, whole), ending in a SHA-256 of everything
 * before it; read back only after that checksum was verified in a first pass. Neither side holds the file in memory.
 */
final class ModelStreams {

    /** Writes a model's payload. */
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a model from its verified payload. */
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static final String TEMP_SUFFIX = ".tmp";
    private static final int BUFFER = 1 << 16;
    private static final int DIGEST_BYTES = 32;

    private ModelStreams() {}

    static void writeAtomically(Path directory, String fileName, Body body) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(fileName);
        Path temp = Files.createTempFile(directory, fileName + ".", TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                MessageDigest sha = sha256();
                // not closed: closing would close the channel before it is forced
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                        new DigestOutputStream(Channels.newOutputStream(channel), sha), BUFFER));
                body.write(out);
                out.flush();
                ByteBuffer digest = ByteBuffer.wrap(sha.digest());
                while (digest.hasRemaining()) {
                    channel.write(digest);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The model {@code reader} reads from the file's payload, after the payload's SHA-256 matched the stored one. */
    static <T> T readVerified(Path file, Reader<T> reader) throws IOException {
        String name = file.getFileName().toString();
        long size = Files.size(file);
        requireSize(name, size);
        long payload = size - DIGEST_BYTES;
        MessageDigest sha = sha256();
        byte[] stored;
        try (DigestInputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER), sha)) {
            skipFully(in, payload);
            in.on(false);
            stored = in.readNBytes(DIGEST_BYTES);
        }
        requireDigest(name, sha.digest(), stored);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER))) {
            return reader.read(in);
        }
    }

    /**
     * The payload of a small model file read whole into memory (one read; the streamed {@link #readVerified} reads a
     * file twice so that a large one is never held), after the same checks.
     */
    static byte[] readVerifiedBytes(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        requireSize(name, all.length);
        byte[] payload = Arrays.copyOf(all, all.length - DIGEST_BYTES);
        requireDigest(name, sha256().digest(payload), Arrays.copyOfRange(all, payload.length, all.length));
        return payload;
    }

    private static void requireSize(String name, long size) {
        if (size < DIGEST_BYTES + 8) {
            throw new IllegalStateException("Model file " + name + " is truncated (" + size + " bytes)");
        }
    }

    private static void requireDigest(String name, byte[] computed, byte[] stored) {
        if (!Arrays.equals(computed, stored)) {
            throw new IllegalStateException("Model file " + name + " fails its checksum: it is damaged; drop the model and "
                    + "train it again");
        }
    }

    /** Reads and digests {@code count} bytes (skip() would not digest them). */
    private static void skipFully(InputStream in, long count) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            left -= n;
        }
    }

    /** Syncs a directory's entries (a rename or delete in it) to disk, where the file system allows it. */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // some file systems (and Windows) cannot open a directory: the rename is still atomic there
        }
    }

    /** Adds the model names of the files with {@code suffix} in {@code directory} (valid names only) to {@code names}. */
    static void addNames(Path directory, String suffix, java.util.Set<String> names) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(suffix))
                    .map(f -> f.substring(0, f.length() - suffix.length()))
                    .filter(rec4j.config.ModelNames::isValid)
                    .forEach(names::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot list the models in " + directory.getFileName(), e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
