package io.veilflux.routing;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Veilid's check of a received peer info ({@code new_from_wire}): 1 to 3 public keys in its node
 * info; every signature of a supported kind that matches a listed key must verify over the signed
 * node info bytes exactly as received; at least one must.
 */
public final class PeerInfoValidation {
    /** Veilid's {@code MAX_CRYPTO_KINDS}. */
    public static final int MAX_CRYPTO_KINDS = 3;

    /** The verdict on a peer info. */
    public sealed interface Result {
        /** Signed by the node: its ids, one per verified key. */
        record Valid(List<NodeId> nodeIds) implements Result {
            public Valid {
                nodeIds = List.copyOf(nodeIds);
            }
        }

        /** Nothing could be verified: Veilid ignores such a peer info. */
        record Unverified() implements Result {
        }

        /** A signature failed or the keys are out of bounds: Veilid rejects it. */
        record Invalid(String reason) implements Result {
        }
    }

    private PeerInfoValidation() {
    }

    public static Result validate(Crypto crypto, PeerInfo peerInfo) {
        List<PublicKey> keys = peerInfo.nodeInfo().cryptoInfoList().stream().map(CryptoInfo::publicKey).toList();
        if (keys.isEmpty() || keys.size() > MAX_CRYPTO_KINDS) {
            return new Result.Invalid("a node info lists 1 to " + MAX_CRYPTO_KINDS + " public keys, this one " + keys.size());
        }
        byte[] signed = peerInfo.nodeInfoMessage().toByteArray();
        List<NodeId> verified = new ArrayList<>();
        for (Signature signature : peerInfo.signatures()) {
            Optional<PublicKey> key = keys.stream().filter(k -> k.kind().equals(signature.kind())).findFirst();
            Optional<CryptoSystem> system = crypto.get(signature.kind());
            if (key.isEmpty() || system.isEmpty()) {
                continue;
            }
            boolean valid;
            try {
                valid = system.get().verify(key.get(), signed, signature);
            } catch (CryptoException e) {
                valid = false;
            }
            if (!valid) {
                return new Result.Invalid("the " + signature.kind() + " signature does not verify over the node info");
            }
            verified.add(NodeId.fromPublicKey(key.get()));
        }
        return verified.isEmpty() ? new Result.Unverified() : new Result.Valid(verified);
    }
}
