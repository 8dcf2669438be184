package io.veilflux.routing;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Test nodes: node infos and unsigned peer infos built in one line. */
final class Nodes {
    private Nodes() {
    }

    /** A VLD0 public key whose 32 bytes are all {@code seed}. */
    static PublicKey key(int seed) {
        return key(CryptoKind.VLD0, seed);
    }

    static PublicKey key(CryptoKind kind, int seed) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) seed);
        return PublicKey.of(kind, b);
    }

    static NodeId id(int seed) {
        return NodeId.fromPublicKey(key(seed));
    }

    static DialInfoDetail did(String dialInfo, DialInfoClass dialInfoClass) {
        return new DialInfoDetail(DialInfo.parse(dialInfo), dialInfoClass);
    }

    static DialInfoDetail direct(String dialInfo) {
        return did(dialInfo, DialInfoClass.DIRECT);
    }

    static RelayInfo relay(RelayKind kind, List<NodeId> ids, DialInfoDetail... details) {
        return new RelayInfo(1, ids, EnumSet.allOf(ProtocolType.class), EnumSet.allOf(AddressType.class),
                List.of(details), kind);
    }

    static RelayInfo inboundRelay(int seed, DialInfoDetail... details) {
        return relay(RelayKind.INBOUND, List.of(id(seed)), details);
    }

    static Builder node(int seed) {
        return new Builder(List.of(key(seed)));
    }

    static Builder node(PublicKey... keys) {
        return new Builder(List.of(keys));
    }

    /** A node info under construction; defaults: all protocols, all address types, ENV0, no capabilities. */
    static final class Builder {
        private long timestamp = 1_700_000_000_000_000L;
        private final List<PublicKey> keys;
        private List<FourCc> capabilities = List.of();
        private Set<ProtocolType> outbound = EnumSet.allOf(ProtocolType.class);
        private Set<AddressType> addressTypes = EnumSet.allOf(AddressType.class);
        private final List<DialInfoDetail> details = new ArrayList<>();
        private final List<RelayInfo> relays = new ArrayList<>();

        private Builder(List<PublicKey> keys) {
            this.keys = keys;
        }

        Builder timestamp(long micros) {
            this.timestamp = micros;
            return this;
        }

        Builder capabilities(FourCc... caps) {
            this.capabilities = List.of(caps);
            return this;
        }

        Builder outbound(ProtocolType... protocols) {
            this.outbound = Set.of(protocols);
            return this;
        }

        Builder addressTypes(AddressType... types) {
            this.addressTypes = Set.of(types);
            return this;
        }

        Builder dial(String dialInfo, DialInfoClass dialInfoClass) {
            details.add(did(dialInfo, dialInfoClass));
            return this;
        }

        Builder dial(String dialInfo) {
            return dial(dialInfo, DialInfoClass.DIRECT);
        }

        Builder relay(RelayInfo relay) {
            relays.add(relay);
            return this;
        }

        NodeInfo nodeInfo() {
            return new NodeInfo(timestamp, List.of(FourCc.ENV0), keys.stream().map(CryptoInfo::new).toList(),
                    capabilities, outbound, addressTypes, details, relays);
        }

        /** Unsigned: the contact-method algorithm never looks at signatures. */
        PeerInfo peerInfo() {
            return new PeerInfo(Bytes.EMPTY, nodeInfo(), List.of());
        }
    }
}
