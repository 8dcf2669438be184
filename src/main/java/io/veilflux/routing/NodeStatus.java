package io.veilflux.routing;

/**
 * What a Status answer says about a node beyond its node info. Empty in Veilid 0.5 ("reserved for
 * expansion"); an entry only records that it has one, which stops the "no status yet" pings.
 */
public record NodeStatus() {
}
