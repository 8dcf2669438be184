package io.veilflux.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The crypto systems a node supports, best first, and the DH cache they share. Callers ask for
 * a kind (or the best one) instead of naming VLD0, so a second kind plugs in here alone.
 */
public final class Crypto {
    /** Length of a node id: a coordinate in the 256-bit XOR space. */
    public static final int HASH_COORDINATE_LENGTH = 32;
    /** Veilid's DH cache capacity. */
    public static final int DH_CACHE_SIZE = 4096;

    private final Map<CryptoKind, CryptoSystem> systems = new LinkedHashMap<>();
    private final Cache<DhCacheKey, SharedSecret> dhCache;

    private record DhCacheKey(PublicKey key, SecretKey secret) {
    }

    /** The systems in order of preference; the first is the best. */
    public Crypto(List<CryptoSystem> systems, int dhCacheSize) {
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("at least one crypto system is required");
        }
        for (CryptoSystem system : systems) {
            if (this.systems.putIfAbsent(system.kind(), system) != null) {
                throw new IllegalArgumentException("crypto kind " + system.kind() + " given twice");
            }
        }
        this.dhCache = Caffeine.newBuilder().maximumSize(dhCacheSize).executor(Runnable::run).build();
    }

    /** Veilid's default build: VLD0 only, with the standard DH cache. */
    public static Crypto standard() {
        return new Crypto(List.of(new Vld0CryptoSystem()), DH_CACHE_SIZE);
    }

    public CryptoSystem best() {
        return systems.values().iterator().next();
    }

    public Optional<CryptoSystem> get(CryptoKind kind) {
        return Optional.ofNullable(systems.get(kind));
    }

    /** The system of {@code kind}, or a {@link CryptoException} naming the kinds that exist. */
    public CryptoSystem require(CryptoKind kind) {
        CryptoSystem system = systems.get(kind);
        if (system == null) {
            throw new CryptoException("unsupported crypto kind " + kind + " (supported: " + validKinds() + ")");
        }
        return system;
    }

    public boolean supports(CryptoKind kind) {
        return systems.containsKey(kind);
    }

    /** Supported kinds, best first. */
    public List<CryptoKind> validKinds() {
        return List.copyOf(systems.keySet());
    }

    /**
     * {@link CryptoSystem#computeDh} through the bounded cache, keyed by the typed pair; kinds
     * and lengths are checked before the lookup.
     */
    public SharedSecret cachedDh(PublicKey key, SecretKey secret) {
        CryptoSystem system = require(key.kind());
        if (!key.kind().equals(secret.kind())) {
            throw new CryptoException("incorrect secret key kind: " + secret.kind() + " (expected " + key.kind() + ")");
        }
        if (key.value().length() != system.publicKeyLength()) {
            throw new CryptoException("invalid public key length: " + key.value().length() + " != " + system.publicKeyLength());
        }
        if (secret.value().length() != system.secretKeyLength()) {
            throw new CryptoException("invalid secret key length: " + secret.value().length() + " != " + system.secretKeyLength());
        }
        return dhCache.get(new DhCacheKey(key, secret), k -> system.computeDh(k.key(), k.secret()));
    }

    /** Entries in the DH cache now (for stats and tests). */
    public long dhCacheSize() {
        dhCache.cleanUp();
        return dhCache.estimatedSize();
    }
}
