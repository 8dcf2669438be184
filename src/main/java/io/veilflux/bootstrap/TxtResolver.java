package io.veilflux.bootstrap;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Veilid's {@code Resolver::txt_lookup}: the TXT strings of a DNS name, each record's
 * character-strings joined without a separator, records that are not UTF-8 left out. Never
 * blocks the subscribing thread; a failed lookup is a {@link TxtLookupException}.
 */
@FunctionalInterface
public interface TxtResolver {
    Mono<List<String>> txtLookup(String name);
}
