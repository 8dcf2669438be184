package io.veilflux.bootstrap;

import io.veilflux.crypto.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Veilid's bootstrap settings: {@code network.routing_table.bootstrap} (dial-info URLs for direct
 * bootstrap, anything else a DNS name for TXT bootstrap), {@code network.routing_table.bootstrap_keys}
 * (empty: v0 allowed and v1 records taken unverified) and {@code network.rpc.timeout_ms} (the wait
 * for a direct bootstrap answer).
 */
public record BootstrapConfig(List<String> bootstrap, List<PublicKey> bootstrapKeys, Duration rpcTimeout) {
    public static final List<String> DEFAULT_BOOTSTRAP = List.of("bootstrap-v1.veilid.net");
    /** Veilid's primary, secondary and backup bootstrap signing keys. */
    public static final List<PublicKey> DEFAULT_BOOTSTRAP_KEYS = List.of(
            PublicKey.parse("VLD0:Vj0lKDdUQXmQ5Ol1SZdlvXkBHUccBcQvGLN9vbLSI7k"),
            PublicKey.parse("VLD0:QeQJorqbXtC7v3OlynCZ_W3m76wGNeB5NTF81ypqHAo"),
            PublicKey.parse("VLD0:QNdcl-0OiFfYVj9331XVR6IqZ49NG-E18d5P7lwi4TA"));
    public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofMillis(5000);
    /** Veilid validates {@code rpc.timeout_ms} to be at least this. */
    public static final Duration MIN_RPC_TIMEOUT = Duration.ofMillis(1000);

    public BootstrapConfig {
        bootstrap = List.copyOf(bootstrap);
        bootstrapKeys = List.copyOf(bootstrapKeys);
        Objects.requireNonNull(rpcTimeout, "rpcTimeout");
        if (rpcTimeout.compareTo(MIN_RPC_TIMEOUT) < 0) {
            throw new IllegalArgumentException("rpc timeout must be at least " + MIN_RPC_TIMEOUT.toMillis() + " ms, got "
                    + rpcTimeout.toMillis() + " ms");
        }
    }

    /** Veilid's defaults: the public network's v1 bootstrap name and keys. */
    public static BootstrapConfig defaults() {
        return new BootstrapConfig(DEFAULT_BOOTSTRAP, DEFAULT_BOOTSTRAP_KEYS, DEFAULT_RPC_TIMEOUT);
    }

    /** The entries that are dial-info URLs, for direct bootstrap. */
    public List<String> directUrls() {
        return bootstrap.stream().filter(DialInfoConverter::isDialInfoUrl).toList();
    }

    /** The entries that are DNS names, for TXT bootstrap. */
    public List<String> txtNames() {
        return bootstrap.stream().filter(entry -> !DialInfoConverter.isDialInfoUrl(entry)).toList();
    }

    /** The direct bootstrap request these keys call for. */
    public BootstrapVersion version() {
        return BootstrapVersion.forKeys(bootstrapKeys);
    }
}
