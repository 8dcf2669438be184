package io.veilflux.cli.vectors;

import static io.veilflux.cli.vectors.Cases.hex;
import static io.veilflux.cli.vectors.Cases.hexOrNull;
import static io.veilflux.cli.vectors.Cases.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.Nonce;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.SecretKey;
import io.veilflux.crypto.SharedSecret;
import io.veilflux.crypto.Signature;
import io.veilflux.crypto.Vld0CryptoSystem;
import io.veilflux.wire.Envelope;
import io.veilflux.wire.EnvelopeCodec;
import io.veilflux.wire.NetworkKey;
import io.veilflux.wire.Receipt;
import io.veilflux.wire.ReceiptCodec;
import io.veilflux.wire.WireError;
import io.veilflux.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks files of the {@code veilid-vld0-env0-rcp0-refvectors/1} schema: VLD0 primitives, ENV0
 * envelopes and RCP0 receipts, positive and negative (see ../shared/vectors/README.md).
 */
final class Vld0VectorSchema implements VectorSchema {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SCHEMA = "veilid-vld0-env0-rcp0-refvectors/1";

    private final Crypto crypto = Crypto.standard();
    private final CryptoSystem vld0 = crypto.require(CryptoKind.VLD0);
    private final ReceiptCodec receipts = new ReceiptCodec(crypto);
    private final Map<String, Consumer<JsonNode>> categories = Map.of(
            "keypair", this::keypair,
            "sign", this::sign,
            "dh", this::dh,
            "xchacha20", this::xchacha20,
            "aead", this::aead,
            "blake3", this::blake3,
            "network_key", this::networkKey,
            "envelope", this::envelope,
            "receipt", this::receipt,
            "negative", this::negative);

    @Override
    public boolean reads(String schema) {
        return SCHEMA.equals(schema);
    }

    @Override
    public CheckReport check(String file, JsonNode root) {
        Cases cases = new Cases(file);
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("vectors").fields();
        if (!fields.hasNext()) {
            cases.fileProblem("-", "no vectors in file");
        }
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> category = fields.next();
            Consumer<JsonNode> checker = categories.get(category.getKey());
            if (checker == null) {
                cases.fileProblem(category.getKey(), "unknown vector category");
                continue;
            }
            cases.each(category.getValue(), checker);
        }
        return cases.report();
    }

    private void keypair(JsonNode c) {
        SecretKey secret = secret(c, "seed");
        PublicKey key = vld0.keyPairOf(secret).key();
        expect("public_key", c, key.value().toByteArray());
        expect("x25519_public", c, Vld0CryptoSystem.x25519PublicKey(key));
        expect("x25519_secret_unclamped", c, Vld0CryptoSystem.x25519SecretKey(secret));
        byte[] clamped = Vld0CryptoSystem.x25519SecretKey(secret);
        clamped[0] &= (byte) 248;
        clamped[31] &= 127;
        clamped[31] |= 64;
        expect("x25519_secret_clamped", c, clamped);
    }

    private void sign(JsonNode c) {
        KeyPair pair = vld0.keyPairOf(secret(c, "seed"));
        expect("public_key", c, pair.key().value().toByteArray());
        expect("context", c, Vld0CryptoSystem.SIGN_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        byte[] message = hex(c, "message");
        expect("prehash_sha512", c, sha512(message));
        Signature signature = vld0.sign(pair.key(), pair.secret(), message);
        expect("signature", c, signature.value().toByteArray());
        require(vld0.verify(pair.key(), message, signature), "own signature does not verify");
    }

    private void dh(JsonNode c) {
        SecretKey secret = secret(c, "secret_seed");
        SecretKey peerSecret = secret(c, "peer_seed");
        PublicKey peer = publicKey(c, "peer_public_key");
        expect("secret_public_key", c, vld0.keyPairOf(secret).key().value().toByteArray());
        expect("peer_public_key", c, vld0.keyPairOf(peerSecret).key().value().toByteArray());
        expect("x25519_peer_public", c, Vld0CryptoSystem.x25519PublicKey(peer));
        byte[] domainAndDh = concat(Vld0CryptoSystem.DH_DOMAIN.getBytes(StandardCharsets.US_ASCII), hex(c, "x25519_output"));
        expect("shared_secret", c, vld0.generateHash(domainAndDh).value().toByteArray());
        expect("shared_secret", c, vld0.computeDh(peer, secret).value().toByteArray());
        expect("shared_secret", c, vld0.computeDh(publicKey(c, "secret_public_key"), peerSecret).value().toByteArray());
    }

    private void xchacha20(JsonNode c) {
        expect("output", c, vld0.cryptNoAuth(hex(c, "input"), nonce(c, "nonce"), sharedSecret(c, "key")));
    }

    private void aead(JsonNode c) {
        byte[] ad = hexOrNull(c, "associated_data");
        byte[] sealed = vld0.encryptAead(hex(c, "plaintext"), nonce(c, "nonce"), sharedSecret(c, "key"), ad);
        expect("ciphertext", c, sealed);
        expect("plaintext", c, vld0.decryptAead(hex(c, "ciphertext"), nonce(c, "nonce"), sharedSecret(c, "key"), ad));
    }

    private void blake3(JsonNode c) {
        expect("digest", c, vld0.generateHash(hex(c, "input")).value().toByteArray());
    }

    private void networkKey(JsonNode c) {
        String password = c.path("password_utf8").asText();
        expect("password", c, password.getBytes(StandardCharsets.UTF_8));
        expect("salt_blake3", c, vld0.generateHash(password.getBytes(StandardCharsets.UTF_8)).value().toByteArray());
        expect("network_key", c, NetworkKey.fromPassword(crypto, password).orElseThrow().value().toByteArray());
    }

    private void envelope(JsonNode c) {
        byte[] expected = hex(c, "envelope");
        Optional<SharedSecret> networkKey = networkKeyOf(c);
        EnvelopeCodec codec = new EnvelopeCodec(crypto, networkKey);
        KeyPair sender = vld0.keyPairOf(secret(c, "sender_seed"));
        expect("sender_public_key", c, sender.key().value().toByteArray());
        PublicKey recipient = publicKey(c, "recipient_public_key");
        SecretKey recipientSecret = secret(c, "recipient_seed");
        byte[] body = hex(c, "body");
        expect("dh_secret", c, crypto.cachedDh(recipient, sender.secret()).value().toByteArray());
        Envelope header = new Envelope(CryptoKind.VLD0, timestamp(c), nonce(c, "nonce"),
                NodeId.fromPublicKey(sender.key()), NodeId.fromPublicKey(recipient));
        if (c.path("lz4_canonical").asBoolean(false)) {
            expect("envelope", c, codec.encode(header, body, sender.secret()));
        }
        require(expected.length == Long.parseLong(c.path("envelope_size").asText()), "envelope_size differs from the bytes");
        Envelope decoded = codec.decode(expected);
        require(decoded.equals(header), "decoded header " + decoded + " differs from " + header);
        expect("body", c, codec.openBody(decoded, expected, recipientSecret));
    }

    private void receipt(JsonNode c) {
        KeyPair sender = vld0.keyPairOf(secret(c, "sender_seed"));
        expect("sender_public_key", c, sender.key().value().toByteArray());
        Receipt receipt = new Receipt(CryptoKind.VLD0, nonce(c, "nonce"), NodeId.fromPublicKey(sender.key()),
                Bytes.of(hex(c, "extra_data")));
        byte[] encoded = receipts.encode(receipt, sender.secret());
        expect("receipt", c, encoded);
        require(encoded.length == Long.parseLong(c.path("receipt_size").asText()), "receipt_size differs");
        require(receipts.decode(hex(c, "receipt")).equals(receipt), "decoded receipt differs");
    }

    private void negative(JsonNode c) {
        String expected = c.path("expected_error").asText();
        String target = c.path("target").asText();
        switch (target) {
            case "envelope_parse" -> expectWireError(c, () -> new EnvelopeCodec(crypto, networkKeyOf(c)).decode(hex(c, "data")));
            case "envelope_open" -> expectWireError(c, () -> {
                EnvelopeCodec codec = new EnvelopeCodec(crypto, networkKeyOf(c));
                byte[] data = hex(c, "data");
                Envelope header;
                try {
                    header = codec.decode(data);
                } catch (WireException e) {
                    throw new Cases.Failed("header should decode but failed: " + e.getMessage());
                }
                codec.openBody(header, data, secret(c, "recipient_seed"));
            });
            case "envelope_encode" -> expectWireError(c, () -> {
                KeyPair sender = vld0.keyPairOf(secret(c, "sender_seed"));
                Envelope header = new Envelope(CryptoKind.VLD0, timestamp(c), nonce(c, "nonce"),
                        NodeId.fromPublicKey(sender.key()), NodeId.fromPublicKey(publicKey(c, "recipient_public_key")));
                new EnvelopeCodec(crypto, networkKeyOf(c)).encode(header, hex(c, "body"), sender.secret());
            });
            case "receipt_parse" -> expectWireError(c, () -> receipts.decode(hex(c, "data")));
            case "receipt_encode" -> expectWireError(c, () -> {
                KeyPair sender = vld0.keyPairOf(secret(c, "sender_seed"));
                receipts.encode(new Receipt(CryptoKind.VLD0, nonce(c, "nonce"), NodeId.fromPublicKey(sender.key()),
                        Bytes.of(hex(c, "extra_data"))), sender.secret());
            });
            case "signature_verify" -> {
                require("invalid_signature".equals(expected), "unknown label " + expected);
                expect("context", c, Vld0CryptoSystem.SIGN_CONTEXT.getBytes(StandardCharsets.US_ASCII));
                boolean valid;
                try {
                    valid = vld0.verify(publicKey(c, "public_key"), hex(c, "message"),
                            new Signature(CryptoKind.VLD0, Bytes.of(hex(c, "signature"))));
                } catch (CryptoException e) {
                    valid = false;
                }
                require(!valid, "signature verified but should be refused");
            }
            case "aead_decrypt" -> {
                require("aead_auth_failed".equals(expected), "unknown label " + expected);
                try {
                    vld0.decryptAead(hex(c, "ciphertext"), nonce(c, "nonce"), sharedSecret(c, "key"),
                            hexOrNull(c, "associated_data"));
                    throw new Cases.Failed("decryption succeeded but should fail authentication");
                } catch (CryptoException e) {
                    // expected
                }
            }
            default -> throw new Cases.Failed("unknown negative target '" + target + "'");
        }
    }

    /** Runs {@code action}, which must fail with the case's label (or one of its alternatives). */
    private static void expectWireError(JsonNode c, Runnable action) {
        String expected = c.path("expected_error").asText();
        List<String> acceptable = new ArrayList<>(List.of(expected));
        c.path("also_acceptable").forEach(n -> acceptable.add(n.asText()));
        try {
            action.run();
        } catch (WireException e) {
            boolean anyBodyError = "body_decrypt_failed".equals(expected) && e.error().stage() == WireError.Stage.OPEN;
            if (acceptable.contains(e.error().label()) || anyBodyError) {
                return;
            }
            throw new Cases.Failed("expected " + acceptable + " but got " + e.getMessage());
        }
        throw new Cases.Failed("expected " + acceptable + " but the operation succeeded");
    }

    private Optional<SharedSecret> networkKeyOf(JsonNode c) {
        byte[] key = hexOrNull(c, "network_key");
        if (key == null) {
            return Optional.empty();
        }
        JsonNode password = c.path("network_key_password_utf8");
        if (password.isTextual()) {
            require(NetworkKey.fromPassword(crypto, password.asText()).orElseThrow().value().equals(Bytes.of(key)),
                    "network key derived from the password differs");
        }
        return Optional.of(new SharedSecret(CryptoKind.VLD0, Bytes.of(key)));
    }

    private static void expect(String field, JsonNode c, byte[] actual) {
        byte[] expected = hex(c, field);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new Cases.Failed(field + " differs: expected " + abbreviate(HEX.formatHex(expected))
                    + ", computed " + abbreviate(HEX.formatHex(actual)));
        }
    }


    private static String abbreviate(String hex) {
        return hex.length() <= 80 ? hex : hex.substring(0, 72) + "...(" + hex.length() / 2 + " bytes)";
    }



    private static long timestamp(JsonNode c) {
        return Long.parseUnsignedLong(c.path("timestamp").asText());
    }

    private static SecretKey secret(JsonNode c, String field) {
        return new SecretKey(CryptoKind.VLD0, Bytes.of(hex(c, field)));
    }

    private static PublicKey publicKey(JsonNode c, String field) {
        return new PublicKey(CryptoKind.VLD0, Bytes.of(hex(c, field)));
    }

    private static SharedSecret sharedSecret(JsonNode c, String field) {
        return new SharedSecret(CryptoKind.VLD0, Bytes.of(hex(c, field)));
    }

    private static Nonce nonce(JsonNode c, String field) {
        return new Nonce(Bytes.of(hex(c, field)));
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
