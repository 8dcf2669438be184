package io.veilflux.bootstrap;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.PeerInfoValidation;
import io.veilflux.rpc.codec.NodeInfoCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Veilid's {@code BootstrapRecord}: a TXT record with its dial infos resolved to addresses, ready
 * to be merged with the records of the same node and turned into an unsigned bootstrap peer info.
 * Keys form a key group (one per kind, by kind); envelope versions and dial info details are
 * sorted.
 */
public record ResolvedBootstrapRecord(List<PublicKey> keys, List<String> envelopeSupport,
                                      List<DialInfoDetail> dialInfoDetails, OptionalLong timestampSeconds,
                                      List<String> extra) {
    private static final Logger LOG = LoggerFactory.getLogger(ResolvedBootstrapRecord.class);

    /** Veilid's derived order of dial info details: class, then dial info. */
    static final Comparator<DialInfoDetail> DETAIL_ORDER =
            Comparator.comparing(DialInfoDetail::dialInfoClass).thenComparing(DialInfoDetail::dialInfo, DialInfo.ORDER);

    public ResolvedBootstrapRecord {
        keys = KeyGroup.of(keys);
        envelopeSupport = List.copyOf(new TreeSet<>(envelopeSupport));
        for (String envelope : envelopeSupport) {
            if (envelope.getBytes(StandardCharsets.UTF_8).length != 4) {
                throw new IllegalArgumentException("envelope version '" + envelope + "' is not 4 bytes");
            }
        }
        List<DialInfoDetail> sorted = new ArrayList<>(dialInfoDetails);
        sorted.sort(DETAIL_ORDER);
        dialInfoDetails = List.copyOf(sorted);
        Objects.requireNonNull(timestampSeconds, "timestampSeconds");
        extra = List.copyOf(extra);
    }

    /**
     * Veilid's {@code merge}: {@code other}'s keys put into ours (same kind: theirs), envelope
     * versions and dial info details united, the earlier timestamp, extras appended.
     */
    public ResolvedBootstrapRecord merge(ResolvedBootstrapRecord other) {
        List<DialInfoDetail> details = new ArrayList<>(dialInfoDetails);
        other.dialInfoDetails.stream().filter(d -> !details.contains(d)).forEach(details::add);
        OptionalLong timestamp = timestampSeconds.isEmpty() ? other.timestampSeconds
                : other.timestampSeconds.isEmpty() ? timestampSeconds
                : OptionalLong.of(unsignedMin(timestampSeconds.getAsLong(), other.timestampSeconds.getAsLong()));
        List<String> envelopes = new ArrayList<>(envelopeSupport);
        envelopes.addAll(other.envelopeSupport);
        List<String> extras = new ArrayList<>(extra);
        extras.addAll(other.extra);
        return new ResolvedBootstrapRecord(KeyGroup.addAll(keys, other.keys), envelopes, details, timestamp, extras);
    }

    private static long unsignedMin(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /**
     * Veilid's folding of a record list: each record absorbs every already merged record whose
     * keys it shares, and goes to the end.
     */
    public static List<ResolvedBootstrapRecord> mergeAll(List<ResolvedBootstrapRecord> records) {
        List<ResolvedBootstrapRecord> merged = new ArrayList<>();
        for (ResolvedBootstrapRecord record : records) {
            ResolvedBootstrapRecord current = record;
            for (int i = 0; i < merged.size(); ) {
                if (KeyGroup.intersects(merged.get(i).keys, current.keys)) {
                    current = current.merge(merged.remove(i));
                } else {
                    i++;
                }
            }
            merged.add(current);
        }
        return merged;
    }

    /**
     * Veilid's {@code parse_bootstrap_v0} / {@code parse_bootstrap_v1}: every string read as a
     * record of {@code version} (v1 signatures checked against {@code bootstrapKeys} when there
     * are any), records of another version or without usable dial info skipped, the rest merged.
     *
     * @param hostAddresses the addresses of the records' host names ({@link #hostnamesIn})
     * @throws BootstrapRecordException for the first malformed record: as in Veilid, one bad
     *     record spoils the whole list
     */
    public static List<ResolvedBootstrapRecord> parseAll(List<String> recordStrings, int version,
            List<PublicKey> bootstrapKeys, Crypto crypto, Function<String, List<Address>> hostAddresses) {
        List<ResolvedBootstrapRecord> records = new ArrayList<>();
        for (String text : recordStrings) {
            Optional<RecordFields> read = BootstrapRecord.read(text, version, bootstrapKeys, crypto);
            if (read.isEmpty()) {
                continue;
            }
            RecordFields fields = read.get();
            List<DialInfoDetail> details = DialInfoConverter.fromShorts(fields.hostname(), fields.shortDialInfos(), hostAddresses);
            if (details.isEmpty()) {
                LOG.debug("bootstrap record without usable dial info skipped: {}", text);
                continue;
            }
            records.add(new ResolvedBootstrapRecord(fields.keys(), fields.envelopeSupport(), details,
                    fields.timestamp(), fields.extra()));
        }
        return mergeAll(records);
    }

    /** The host names (not IP literals) the records of {@code version} in the list are on. */
    public static Set<String> hostnamesIn(List<String> recordStrings, int version) {
        Set<String> names = new LinkedHashSet<>();
        for (String text : recordStrings) {
            String[] fields = text.trim().split("\\|", -1);
            if (fields.length > 4 && UnsignedNumbers.parseU8(fields[0].trim()).equals(OptionalLong.of(version))) {
                DialInfoConverter.hostToLookUp(fields[3].trim()).ifPresent(names::add);
            }
        }
        return names;
    }

    /** Whether any of our keys is one of this record's keys (the record is our own node). */
    public boolean isOwn(Set<PublicKey> ownKeys) {
        return keys.stream().anyMatch(ownKeys::contains);
    }

    /**
     * Veilid's unsigned bootstrap peer info ({@code new_from_unsigned}) for this record: one VLD0
     * crypto info per VLD0 key (other kinds dropped with a warning), the record's envelope
     * versions and dial infos, no capabilities, every protocol and address type, the record's
     * timestamp (or {@code nowMicros}), no signatures. Empty, with an error logged, when that
     * leaves no key or more than {@link PeerInfoValidation#MAX_CRYPTO_KINDS}, or a key that has no
     * node id (not 32 bytes).
     */
    public Optional<PeerInfo> toUnsignedPeerInfo(long nowMicros) {
        List<CryptoInfo> cryptoInfos = new ArrayList<>();
        for (PublicKey key : keys) {
            if (key.kind().equals(CryptoKind.VLD0)) {
                cryptoInfos.add(new CryptoInfo(key));
            } else {
                LOG.warn("Ignoring unsupported bootstrap crypto kind: {}", key.kind());
            }
        }
        if (cryptoInfos.isEmpty() || cryptoInfos.size() > PeerInfoValidation.MAX_CRYPTO_KINDS) {
            LOG.error("Bootstrap has invalid peer info: {} public keys for {}", cryptoInfos.size(), this);
            return Optional.empty();
        }
        try {
            cryptoInfos.forEach(info -> NodeId.fromPublicKey(info.publicKey()));
        } catch (CryptoException e) {
            LOG.error("Bootstrap has invalid peer info: {}", e.getMessage());
            return Optional.empty();
        }
        long timestamp = timestampSeconds.isPresent() ? timestampSeconds.getAsLong() * 1_000_000L : nowMicros;
        List<FourCc> envelopes = envelopeSupport.stream().map(ResolvedBootstrapRecord::fourCc)
                .sorted((a, b) -> Integer.compareUnsigned(a.value(), b.value()))
                .toList();
        NodeInfo nodeInfo = new NodeInfo(timestamp, envelopes, cryptoInfos, List.of(),
                EnumSet.allOf(ProtocolType.class), EnumSet.allOf(AddressType.class), dialInfoDetails, List.of());
        return Optional.of(new PeerInfo(Bytes.of(NodeInfoCodec.encodeNodeInfo(nodeInfo)), nodeInfo, List.of()));
    }

    private static FourCc fourCc(String code) {
        byte[] b = code.getBytes(StandardCharsets.UTF_8);
        return new FourCc((b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF);
    }
}
