package io.veilflux.bootstrap;

import io.veilflux.net.Address;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The addresses (AAAA and A) of a host name, as Veilid resolves the host of a bootstrap URL or
 * record. Never blocks the subscribing thread; a name without addresses gives an empty list or an
 * error, which callers treat alike.
 */
@FunctionalInterface
public interface AddressResolver {
    Mono<List<Address>> addressLookup(String host);
}
