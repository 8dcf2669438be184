package io.veilflux.bootstrap;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * One bootstrap TXT record, v0 or v1: the envelope versions and public keys of a bootstrap node,
 * the host name its dial infos are on and those dial infos in short form; v1 adds a timestamp,
 * extra fields and a signature over the record.
 *
 * <pre>
 * 0|&lt;envelopes&gt;|&lt;keys&gt;|&lt;hostname&gt;|&lt;short dial infos&gt;
 * 1|&lt;envelopes&gt;|&lt;keys&gt;|&lt;hostname&gt;|&lt;short dial infos&gt;|&lt;unix seconds&gt;|[&lt;extra&gt;|...]&lt;signature&gt;
 * </pre>
 */
public record BootstrapRecord(int version, List<String> envelopeSupport, List<PublicKey> keys, String hostname,
                              List<ShortDialInfo> dialInfos, OptionalLong timestampSeconds, List<String> extra) {

    public BootstrapRecord {
        envelopeSupport = List.copyOf(new TreeSet<>(envelopeSupport));
        keys = List.copyOf(keys);
        Objects.requireNonNull(hostname, "hostname");
        dialInfos = List.copyOf(dialInfos);
        Objects.requireNonNull(timestampSeconds, "timestampSeconds");
        extra = List.copyOf(extra);
    }

    /**
     * The version a root TXT string announces: the number before the first {@code |}, or 0 when
     * there is none; empty when that number is not a known version (such strings are skipped).
     */
    public static OptionalLong versionOf(String text) {
        int bar = text.indexOf('|');
        if (bar < 0) {
            return OptionalLong.of(0);
        }
        try {
            int version = Integer.parseInt(text.substring(0, bar).trim());
            return version == 0 || version == 1 ? OptionalLong.of(version) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Parses a v0 record. */
    public static BootstrapRecord parseV0(String text) {
        String[] fields = fields(text, 0);
        if (fields.length != 5) {
            throw new BootstrapRecordException("v0 bootstrap record needs 5 fields, found " + fields.length + ": " + text);
        }
        return new BootstrapRecord(0, envelopes(fields[1]), keys(fields[2]), fields[3], shortDialInfos(fields[4]),
                OptionalLong.empty(), List.of());
    }

    /**
     * Parses a v1 record and, when {@code bootstrapKeys} is not empty, requires its signature to
     * verify under one of them. The signed bytes are the record as received up to and including
     * its last {@code |}.
     */
    public static BootstrapRecord parseV1(String text, List<PublicKey> bootstrapKeys, Crypto crypto) {
        String[] fields = fields(text, 1);
        if (fields.length < 7) {
            throw new BootstrapRecordException("v1 bootstrap record needs at least 7 fields, found " + fields.length + ": " + text);
        }
        String last = fields[fields.length - 1];
        Signature signature;
        try {
            signature = Signature.parse(last);
        } catch (IllegalArgumentException e) {
            throw new BootstrapRecordException("v1 bootstrap record has an invalid signature field: " + e.getMessage(), e);
        }
        // Veilid slices the raw string: trailing whitespace misaligns it and verification fails.
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        byte[] signed = Arrays.copyOf(raw, Math.max(0, raw.length - last.getBytes(StandardCharsets.UTF_8).length));
        if (!bootstrapKeys.isEmpty() && bootstrapKeys.stream().noneMatch(key -> verifies(crypto, key, signed, signature))) {
            throw new BootstrapRecordException("bootstrap record did not have valid signature");
        }
        long seconds;
        try {
            seconds = Long.parseUnsignedLong(fields[5]);
        } catch (NumberFormatException e) {
            throw new BootstrapRecordException("v1 bootstrap record has an invalid timestamp '" + fields[5] + "'", e);
        }
        return new BootstrapRecord(1, envelopes(fields[1]), keys(fields[2]), fields[3], shortDialInfos(fields[4]),
                OptionalLong.of(seconds), List.of(fields).subList(6, fields.length - 1));
    }

    private static boolean verifies(Crypto crypto, PublicKey key, byte[] data, Signature signature) {
        try {
            return key.kind().equals(signature.kind()) && crypto.require(key.kind()).verify(key, data, signature);
        } catch (CryptoException e) {
            return false;
        }
    }

    private static String[] fields(String text, int expectedVersion) {
        String[] fields = text.trim().split("\\|", -1);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].trim();
        }
        int version;
        try {
            version = Integer.parseInt(fields[0]);
        } catch (NumberFormatException e) {
            throw new BootstrapRecordException("bootstrap record version '" + fields[0] + "' is not a number", e);
        }
        if (version < 0 || version > 255) {
            throw new BootstrapRecordException("bootstrap record version " + version + " is not a u8");
        }
        if (version != expectedVersion) {
            throw new BootstrapRecordException("expected a v" + expectedVersion + " bootstrap record, found v" + version);
        }
        return fields;
    }

    private static List<String> envelopes(String field) {
        List<String> out = new ArrayList<>();
        for (String item : items(field)) {
            switch (item.length()) {
                case 1 -> out.add("ENV" + item);
                case 4 -> out.add(item);
                default -> throw new BootstrapRecordException("envelope version '" + item + "' is neither 1 nor 4 characters");
            }
        }
        return out;
    }

    private static List<PublicKey> keys(String field) {
        List<PublicKey> out = new ArrayList<>();
        for (String item : items(field)) {
            try {
                out.add(PublicKey.parse(item));
            } catch (IllegalArgumentException e) {
                throw new BootstrapRecordException("bootstrap record key is invalid: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Short dial infos; an item that does not parse is skipped, as Veilid skips it. */
    private static List<ShortDialInfo> shortDialInfos(String field) {
        List<ShortDialInfo> out = new ArrayList<>();
        for (String item : items(field)) {
            try {
                out.add(ShortDialInfo.parse(item));
            } catch (BootstrapRecordException e) {
                // Veilid logs and skips a short dial info it cannot use.
            }
        }
        return out;
    }

    private static List<String> items(String field) {
        return Arrays.stream(field.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The record text (v0, or v1 without its signature) as Veilid's generator writes it. */
    private String unsigned() {
        List<String> env = envelopeSupport.stream().map(e -> e.startsWith("ENV") ? e.substring(3) : e).toList();
        List<String> shorts = dialInfos.stream().map(ShortDialInfo::toString).distinct().sorted().toList();
        String base = version + "|" + String.join(",", env) + "|" + String.join(",", keys.stream().map(PublicKey::encode).toList())
                + "|" + hostname + "|" + String.join(",", shorts);
        if (version == 0) {
            return base;
        }
        StringBuilder text = new StringBuilder(base).append('|').append(Long.toUnsignedString(timestampSeconds.orElse(0)));
        extra.forEach(e -> text.append('|').append(e));
        return text.append('|').toString();
    }

    /** The v0 record text. */
    public String formatV0() {
        if (version != 0) {
            throw new IllegalStateException("not a v0 record");
        }
        return unsigned();
    }

    /** The v1 record text, signed with {@code signer}. */
    public String formatV1(Crypto crypto, KeyPair signer) {
        if (version != 1) {
            throw new IllegalStateException("not a v1 record");
        }
        String unsigned = unsigned();
        Signature signature = crypto.require(signer.kind()).sign(signer.key(), signer.secret(),
                unsigned.getBytes(StandardCharsets.UTF_8));
        return unsigned + signature.encode();
    }
}
