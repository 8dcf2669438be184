package io.veilflux.node;

/**
 * A configuration value that cannot be used: an unknown key, a value of the wrong type or one
 * outside what Veilid allows. The message starts with the key (Veilid's name, such as
 * {@code network.rpc.timeout_ms}) and says what is allowed.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    public ConfigException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The key the problem is with, as the caller wrote it. */
    public String key() {
        return key;
    }
}
