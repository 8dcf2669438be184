package io.veilflux.routing;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.TypedValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Veilid's typed group ({@code NodeIdGroup}, {@code PublicKeyGroup}, ...): an immutable set of
 * typed values holding at most one value per crypto kind, sorted by kind preference, so that
 * {@link #first()} is the value of the best kind. Adding a value of a kind already present
 * replaces it.
 */
public final class CryptoTypedGroup<T extends TypedValue> implements Iterable<T> {
    private final CryptoKindOrder order;
    private final List<T> items;

    private CryptoTypedGroup(CryptoKindOrder order, List<T> sortedItems) {
        this.order = order;
        this.items = List.copyOf(sortedItems);
    }

    public static <T extends TypedValue> CryptoTypedGroup<T> empty(CryptoKindOrder order) {
        return new CryptoTypedGroup<>(Objects.requireNonNull(order, "order"), List.of());
    }

    /** The group of {@code values}; of two values of one kind the later one stays. */
    public static <T extends TypedValue> CryptoTypedGroup<T> of(CryptoKindOrder order, Collection<? extends T> values) {
        CryptoTypedGroup<T> group = empty(order);
        for (T value : values) {
            group = group.with(value);
        }
        return group;
    }

    /** This group with {@code value} added, replacing any value of the same kind. */
    public CryptoTypedGroup<T> with(T value) {
        Objects.requireNonNull(value, "value");
        List<T> out = new ArrayList<>(items.size() + 1);
        for (T item : items) {
            if (!item.kind().equals(value.kind())) {
                out.add(item);
            }
        }
        out.add(value);
        out.sort(Comparator.comparing(TypedValue::kind, order));
        return new CryptoTypedGroup<>(order, out);
    }

    /** This group without a value of {@code kind}. */
    public CryptoTypedGroup<T> without(CryptoKind kind) {
        return new CryptoTypedGroup<>(order, items.stream().filter(i -> !i.kind().equals(kind)).toList());
    }

    public Optional<T> get(CryptoKind kind) {
        return items.stream().filter(i -> i.kind().equals(kind)).findFirst();
    }

    public boolean containsKind(CryptoKind kind) {
        return get(kind).isPresent();
    }

    public boolean contains(T value) {
        return items.contains(value);
    }

    /** Veilid's {@code contains_any_from_slice}: whether any of {@code values} is a member. */
    public boolean containsAny(Collection<? extends T> values) {
        return values.stream().anyMatch(items::contains);
    }

    /** The value of the best kind. */
    public Optional<T> first() {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    /** The kinds present, best first. */
    public List<CryptoKind> kinds() {
        return items.stream().map(TypedValue::kind).toList();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }

    public List<T> toList() {
        return items;
    }

    @Override
    public Iterator<T> iterator() {
        return items.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CryptoTypedGroup<?> other && items.equals(other.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return items.stream().map(TypedValue::encode).collect(Collectors.joining(",", "[", "]"));
    }
}
