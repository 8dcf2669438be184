package io.veilflux.filter;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of an {@link AddressFilter}. The first four are Veilid's {@code network.*} config keys;
 * the rest are constants in Veilid, kept configurable here so that tests and operators can shrink
 * them. {@link #defaults()} gives Veilid's values.
 *
 * @param maxConnectionsPerIp4 open connections allowed from one IPv4 address
 * @param maxConnectionsPerIp6Prefix open connections allowed from one IPv6 block
 * @param maxConnectionsPerIp6PrefixSize the IPv6 block size in bits (see {@link IpBlock})
 * @param maxConnectionFrequencyPerMin new connections allowed from one block in any 60 s
 * @param punishmentDuration how long an IP or node-id punishment lasts
 * @param dialInfoFailureDuration how long a dial-info failure is remembered
 * @param maxPunishmentsByNodeId the node-id punishment table's capacity
 * @param maxDialInfoFailures the dial-info failure table's capacity
 * @param taskInterval how often {@link AddressFilter#startPurgeTask} purges
 */
public record AddressFilterConfig(
        int maxConnectionsPerIp4,
        int maxConnectionsPerIp6Prefix,
        int maxConnectionsPerIp6PrefixSize,
        int maxConnectionFrequencyPerMin,
        Duration punishmentDuration,
        Duration dialInfoFailureDuration,
        int maxPunishmentsByNodeId,
        int maxDialInfoFailures,
        Duration taskInterval) {

    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP4 = 32;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP6_PREFIX = 32;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP6_PREFIX_SIZE = 56;
    public static final int DEFAULT_MAX_CONNECTION_FREQUENCY_PER_MIN = 128;
    public static final Duration PUNISHMENT_DURATION = Duration.ofMinutes(60);
    public static final Duration DIAL_INFO_FAILURE_DURATION = Duration.ofMinutes(10);
    public static final int MAX_PUNISHMENTS_BY_NODE_ID = 65536;
    public static final int MAX_DIAL_INFO_FAILURES = 65536;
    public static final Duration ADDRESS_FILTER_TASK_INTERVAL = Duration.ofSeconds(60);

    public AddressFilterConfig {
        requirePositive(maxConnectionsPerIp4, "maxConnectionsPerIp4", "every IPv4 connection would be refused");
        requirePositive(maxConnectionsPerIp6Prefix, "maxConnectionsPerIp6Prefix",
                "every IPv6 connection would be refused");
        if (maxConnectionsPerIp6PrefixSize < 0 || maxConnectionsPerIp6PrefixSize > 128) {
            throw new IllegalArgumentException("maxConnectionsPerIp6PrefixSize is " + maxConnectionsPerIp6PrefixSize
                    + " but an IPv6 prefix is 0..128 bits (Veilid's default is 56)");
        }
        requirePositive(maxConnectionFrequencyPerMin, "maxConnectionFrequencyPerMin",
                "every connection would be refused");
        requirePositive(punishmentDuration, "punishmentDuration");
        requirePositive(dialInfoFailureDuration, "dialInfoFailureDuration");
        requirePositive(maxPunishmentsByNodeId, "maxPunishmentsByNodeId", "no node could ever be punished");
        requirePositive(maxDialInfoFailures, "maxDialInfoFailures", "no dial-info failure could ever be remembered");
        requirePositive(taskInterval, "taskInterval");
    }

    /** Veilid's defaults: 32, 32, 56, 128, 60 min, 10 min, 65536, 65536, 60 s. */
    public static AddressFilterConfig defaults() {
        return new AddressFilterConfig(DEFAULT_MAX_CONNECTIONS_PER_IP4, DEFAULT_MAX_CONNECTIONS_PER_IP6_PREFIX,
                DEFAULT_MAX_CONNECTIONS_PER_IP6_PREFIX_SIZE, DEFAULT_MAX_CONNECTION_FREQUENCY_PER_MIN,
                PUNISHMENT_DURATION, DIAL_INFO_FAILURE_DURATION, MAX_PUNISHMENTS_BY_NODE_ID, MAX_DIAL_INFO_FAILURES,
                ADDRESS_FILTER_TASK_INTERVAL);
    }

    private static void requirePositive(int value, String name, String consequence) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value + " (" + consequence + ")");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
