package io.veilflux.rpc.capnp;

/** What a pointer slot holds, once far pointers are followed. */
public enum PointerKind { NULL, STRUCT, LIST }
