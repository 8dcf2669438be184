package io.veilflux.rpc;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.Signature;
import java.util.Objects;
import java.util.Optional;

/**
 * The envelope body: an operation's message bytes, with a signer and signature only for operations
 * sent with a signer (routes). The signature, when present, covers the destination's public key
 * bytes followed by {@code operationData}; it is not checked here.
 *
 * @param operationData the unpacked standard message whose root is the {@link Operation}, as it came
 */
public record SignedOperation(Bytes operationData, Optional<PublicKey> signer, Optional<Signature> signature) {
    public SignedOperation {
        Objects.requireNonNull(operationData, "operationData");
        if (signer.isPresent() != signature.isPresent()) {
            throw new IllegalArgumentException("a signed operation has both a signer and a signature or neither, not "
                    + (signer.isPresent() ? "a signer alone" : "a signature alone"));
        }
    }

    /** A direct operation: no signer, no signature. */
    public static SignedOperation unsigned(byte[] operationData) {
        return new SignedOperation(Bytes.of(operationData), Optional.empty(), Optional.empty());
    }
}
