package io.veilflux.bootstrap;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.Signature;
import io.veilflux.net.DialInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * One bootstrap TXT record, v0 or v1, as text: the envelope versions and public keys of a
 * bootstrap node, the host name its dial infos are on and those dial infos in short form; v1 adds
 * a timestamp, extra fields and a signature over the record. Keys form a Veilid key group (one per
 * crypto kind, by kind); envelope versions are sorted and distinct.
 *
 * <pre>
 * 0|&lt;envelopes&gt;|&lt;keys&gt;|&lt;hostname&gt;|&lt;short dial infos&gt;
 * 1|&lt;envelopes&gt;|&lt;keys&gt;|&lt;hostname&gt;|&lt;short dial infos&gt;|&lt;unix seconds&gt;|[&lt;extra&gt;|...]&lt;signature&gt;
 * </pre>
 */
public record BootstrapRecord(int version, List<String> envelopeSupport, List<PublicKey> keys, String hostname,
                              List<ShortDialInfo> dialInfos, OptionalLong timestampSeconds, List<String> extra) {

    public static final int VERSION_0 = 0;
    public static final int VERSION_1 = 1;

    public BootstrapRecord {
        envelopeSupport = List.copyOf(new TreeSet<>(envelopeSupport));
        keys = KeyGroup.of(keys);
        Objects.requireNonNull(hostname, "hostname");
        dialInfos = List.copyOf(dialInfos);
        Objects.requireNonNull(timestampSeconds, "timestampSeconds");
        extra = List.copyOf(extra);
    }

    /**
     * The version a root TXT string announces, as Veilid's heuristic reads it: the text before the
     * first {@code |} as a u8 (untrimmed), or 0 when there is no {@code |}; empty when that text is
     * not a u8 or not a known version (such strings are skipped).
     */
    public static OptionalLong versionOf(String text) {
        int bar = text.indexOf('|');
        if (bar < 0) {
            return OptionalLong.of(VERSION_0);
        }
        OptionalLong version = UnsignedNumbers.parseU8(text.substring(0, bar));
        return version.isPresent() && version.getAsLong() <= VERSION_1 ? version : OptionalLong.empty();
    }

    /** Parses a v0 record. */
    public static BootstrapRecord parseV0(String text) {
        return read(text, VERSION_0, List.of(), null).orElseThrow(() -> otherVersion(text, VERSION_0)).toRecord();
    }

    /**
     * Parses a v1 record and, when {@code bootstrapKeys} is not empty, requires its signature to
     * verify under one of them. The signed bytes are the record as received up to and including
     * its last {@code |}.
     */
    public static BootstrapRecord parseV1(String text, List<PublicKey> bootstrapKeys, Crypto crypto) {
        return read(text, VERSION_1, bootstrapKeys, crypto).orElseThrow(() -> otherVersion(text, VERSION_1)).toRecord();
    }

    private static BootstrapRecordException otherVersion(String text, int expected) {
        return new BootstrapRecordException("expected a v" + expected + " bootstrap record: " + text);
    }

    /**
     * Veilid's checks of one record up to its dial infos, in Veilid's order: version (a u8, else an
     * error; another version gives empty, the record is skipped), field count, v1 signature,
     * envelope versions, keys, short dial infos (unusable ones dropped). The timestamp is read
     * last, by {@link RecordFields#timestamp()}, because Veilid skips a record without usable dial
     * info before it looks at the timestamp.
     *
     * @throws BootstrapRecordException for anything Veilid reports as an error
     */
    static Optional<RecordFields> read(String text, int expectedVersion, List<PublicKey> bootstrapKeys, Crypto crypto) {
        String[] fields = text.trim().split("\\|", -1);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].trim();
        }
        OptionalLong version = UnsignedNumbers.parseU8(fields[0]);
        if (version.isEmpty()) {
            throw new BootstrapRecordException("invalid txt_version '" + fields[0] + "' in bootstrap record: " + text);
        }
        if (version.getAsLong() != expectedVersion) {
            return Optional.empty();
        }
        if (expectedVersion == VERSION_0 && fields.length != 5) {
            throw new BootstrapRecordException("v0 bootstrap record needs 5 fields, found " + fields.length + ": " + text);
        }
        if (expectedVersion == VERSION_1) {
            if (fields.length < 7) {
                throw new BootstrapRecordException("v1 bootstrap record needs at least 7 fields, found " + fields.length + ": " + text);
            }
            checkSignature(text, fields[fields.length - 1], bootstrapKeys, crypto);
        }
        List<String> envelopes = envelopes(fields[1]);
        List<PublicKey> keys = keys(fields[2]);
        List<ShortDialInfo> shorts = shortDialInfos(fields[4]);
        return Optional.of(expectedVersion == VERSION_0
                ? new RecordFields(VERSION_0, envelopes, keys, fields[3], shorts, "", List.of())
                : new RecordFields(VERSION_1, envelopes, keys, fields[3], shorts, fields[5],
                        List.of(fields).subList(6, fields.length - 1)));
    }

    private static void checkSignature(String text, String last, List<PublicKey> bootstrapKeys, Crypto crypto) {
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
            throw new BootstrapRecordException("bootstrap record did not have valid signature: " + text);
        }
    }

    private static boolean verifies(Crypto crypto, PublicKey key, byte[] data, Signature signature) {
        try {
            return key.kind().equals(signature.kind()) && crypto.require(key.kind()).verify(key, data, signature);
        } catch (CryptoException e) {
            return false;
        }
    }

    /** Every item counts, empty ones too: Veilid refuses an item that is not 1 or 4 bytes long. */
    private static List<String> envelopes(String field) {
        List<String> out = new ArrayList<>();
        for (String item : items(field)) {
            switch (item.getBytes(StandardCharsets.UTF_8).length) {
                case 1 -> out.add("ENV" + item);
                case 4 -> out.add(item);
                default -> throw new BootstrapRecordException("envelope version '" + item + "' is neither 1 nor 4 bytes");
            }
        }
        return out;
    }

    /** Every item counts, empty ones too: an empty key is an invalid key. */
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
        return Arrays.stream(field.split(",", -1)).map(String::trim).toList();
    }

    /**
     * The record Veilid's generator would write for a node with these keys and dial infos: short
     * forms (sorted, without repeats) and one host name for all of them ({@link ShortDialInfo#of}).
     *
     * @param hostname what a PTR lookup of the dial infos' IP addresses answers (empty: the IP itself)
     * @throws BootstrapRecordException when there are no dial infos or they are on different hosts
     */
    public static BootstrapRecord forDialInfos(int version, List<String> envelopeSupport, List<PublicKey> keys,
            List<DialInfo> dialInfos, Optional<String> hostname, OptionalLong timestampSeconds, List<String> extra) {
        if (dialInfos.isEmpty()) {
            throw new BootstrapRecordException("No dial info for bootstrap host");
        }
        String commonHost = null;
        List<ShortDialInfo> shorts = new ArrayList<>();
        for (DialInfo dialInfo : dialInfos) {
            ShortDialInfo.OnHost onHost = ShortDialInfo.of(dialInfo, hostname);
            if (commonHost != null && !commonHost.equals(onHost.hostname())) {
                throw new BootstrapRecordException("Inconsistent hostnames for dial info: " + commonHost + " vs " + onHost.hostname());
            }
            commonHost = onHost.hostname();
            shorts.add(onHost.shortDialInfo());
        }
        if (version == VERSION_1 && timestampSeconds.isEmpty()) {
            throw new BootstrapRecordException("timestamp required for bootstrap v1 format");
        }
        List<ShortDialInfo> sortedShorts = shorts.stream().distinct()
                .sorted(Comparator.comparing(ShortDialInfo::toString)).toList();
        return new BootstrapRecord(version, envelopeSupport, keys, commonHost, sortedShorts,
                version == VERSION_1 ? timestampSeconds : OptionalLong.empty(), version == VERSION_1 ? extra : List.of());
    }

    /** The most bytes one DNS TXT character-string holds. */
    public static final int MAX_CHARACTER_STRING = 255;

    /**
     * A record text cut into DNS character-strings of at most {@value #MAX_CHARACTER_STRING} bytes
     * (never inside a character), to be published as one TXT record: resolvers join them back
     * without a separator.
     */
    public static List<String> characterStrings(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_CHARACTER_STRING) {
                out.add(current.toString());
                current.setLength(0);
                bytes = 0;
            }
            current.append(character);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        if (current.length() > 0 || out.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    /** The record text (v0, or v1 without its signature) as Veilid's generator writes it. */
    private String unsigned() {
        List<String> env = envelopeSupport.stream().map(e -> e.startsWith("ENV") ? e.substring(3) : e).toList();
        List<String> shorts = dialInfos.stream().map(ShortDialInfo::toString).distinct().sorted().toList();
        String base = version + "|" + String.join(",", env) + "|" + String.join(",", keys.stream().map(PublicKey::encode).toList())
                + "|" + hostname + "|" + String.join(",", shorts);
        if (version == VERSION_0) {
            return base;
        }
        StringBuilder text = new StringBuilder(base).append('|').append(Long.toUnsignedString(timestampSeconds.orElse(0)));
        extra.forEach(e -> text.append('|').append(e));
        return text.append('|').toString();
    }

    /** The v0 record text. */
    public String formatV0() {
        if (version != VERSION_0) {
            throw new IllegalStateException("not a v0 record");
        }
        return unsigned();
    }

    /** The v1 record text, signed with {@code signer}. */
    public String formatV1(Crypto crypto, KeyPair signer) {
        if (version != VERSION_1) {
            throw new IllegalStateException("not a v1 record");
        }
        String unsigned = unsigned();
        Signature signature = crypto.require(signer.kind()).sign(signer.key(), signer.secret(),
                unsigned.getBytes(StandardCharsets.UTF_8));
        return unsigned + signature.encode();
    }
}
