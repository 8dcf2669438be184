package io.veilflux.bootstrap;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.PublicKey;
import io.veilflux.routing.PeerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Record lists as every bootstrap path reads them: the host names of the records looked up, then
 * the records parsed, verified and merged (Ed25519ph work, so on the CPU scheduler); and the
 * merged records turned into unsigned peer infos, our own node left out.
 */
public final class BootstrapRecords {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapRecords.class);

    private final DialInfoConverter converter;
    private final Crypto crypto;
    private final List<PublicKey> bootstrapKeys;
    private final Set<PublicKey> ownKeys;
    private final Scheduler cpu;

    /**
     * @param bootstrapKeys the keys v1 records must be signed with (empty: taken unverified)
     * @param ownKeys our node's public keys: records naming one of them are our own
     * @param cpu where records are parsed and signatures checked, never a Netty event loop
     */
    public BootstrapRecords(DialInfoConverter converter, Crypto crypto, List<PublicKey> bootstrapKeys,
                            Set<PublicKey> ownKeys, Scheduler cpu) {
        this.converter = Objects.requireNonNull(converter, "converter");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.bootstrapKeys = List.copyOf(bootstrapKeys);
        this.ownKeys = Set.copyOf(ownKeys);
        this.cpu = Objects.requireNonNull(cpu, "cpu");
    }

    public List<PublicKey> bootstrapKeys() {
        return bootstrapKeys;
    }

    public Set<PublicKey> ownKeys() {
        return ownKeys;
    }

    /**
     * The merged records of {@code version} among {@code recordStrings}
     * ({@link ResolvedBootstrapRecord#parseAll}); fails with the {@link BootstrapRecordException}
     * of the first malformed record.
     */
    public Mono<List<ResolvedBootstrapRecord>> parse(List<String> recordStrings, int version) {
        return converter.resolveHosts(ResolvedBootstrapRecord.hostnamesIn(recordStrings, version))
                .publishOn(cpu)
                .map(hosts -> {
                    if (version == BootstrapRecord.VERSION_1 && bootstrapKeys.isEmpty()) {
                        LOG.warn("No signing keys in config. Proceeding with UNVERIFIED bootstrap.");
                    }
                    return ResolvedBootstrapRecord.parseAll(recordStrings, version, bootstrapKeys, crypto,
                            host -> hosts.getOrDefault(host, List.of()));
                });
    }

    /** One unsigned peer info per record that is not our own node. */
    public List<PeerInfo> unsignedPeers(List<ResolvedBootstrapRecord> records, long nowMicros) {
        List<PeerInfo> peers = new ArrayList<>();
        for (ResolvedBootstrapRecord record : records) {
            if (record.isOwn(ownKeys)) {
                LOG.debug("Ignoring own node in bootstrap list");
                continue;
            }
            record.toUnsignedPeerInfo(nowMicros).ifPresent(peers::add);
        }
        return peers;
    }
}
