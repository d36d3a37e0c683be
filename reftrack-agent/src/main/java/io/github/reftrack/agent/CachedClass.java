package io.github.reftrack.agent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What transforming one class file gave, as the {@link ClassCache} keeps it: the new class file
 * (null: left as it was), the profiles that counted the class as theirs, and the other class files
 * the transformation read through the class's loader (its supertypes, for the matchers and the
 * stack map frames), each with the hash of its bytes ({@code ""}: not found). An entry is used
 * only while each of those still reads the same through the loader. Immutable.
 *
 * @param bytes    the transformed class file, or null when the class is left as it is
 * @param profiles the indices of the profiles that matched it, in the agent's list of profiles
 * @param read     the other class files read, by internal name, with the hash of each
 */
record CachedClass(byte[] bytes, List<Integer> profiles, Map<String, String> read) {
    private static final int FORMAT = 1;

    CachedClass {
        bytes = bytes == null ? null : bytes.clone();
        profiles = List.copyOf(profiles);
        read = Map.copyOf(read);
    }

    @Override
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    /**
     * Whether every class file the transformation read reads the same through this loader now. The
     * JDK's own classes ({@code java/}) are not read again: the JDK's version is part of the key.
     */
    boolean stillValid(ClassLoader loader) {
        for (Map.Entry<String, String> file : read.entrySet()) {
            if (!file.getKey().startsWith("java/") && !file.getValue().equals(digestOf(loader, file.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The hash of a class file as the loader finds it, {@code ""} when it finds none. */
    static String digestOf(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? "" : digest(in.readAllBytes());
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The hash of some bytes, in hex ({@link ContentHash}). */
    static String digest(byte[] bytes) {
        return ContentHash.of(bytes);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(profiles.size());
        for (int profile : profiles) {
            out.writeInt(profile);
        }
        out.writeInt(read.size());
        for (Map.Entry<String, String> file : read.entrySet()) {
            out.writeUTF(file.getKey());
            out.writeUTF(file.getValue());
        }
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
        out.flush();
    }

    static CachedClass readFrom(DataInputStream in) throws IOException {
        if (in.readInt() != FORMAT) {
            throw new IOException("not an entry of this agent's format");
        }
        List<Integer> profiles = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            profiles.add(in.readInt());
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            read.put(in.readUTF(), in.readUTF());
        }
        int length = in.readInt();
        byte[] bytes = length < 0 ? null : in.readNBytes(length);
        if (bytes != null && bytes.length != length || in.read() != -1) {
            throw new IOException("entry of the wrong length");
        }
        return new CachedClass(bytes, profiles, read);
    }
}
