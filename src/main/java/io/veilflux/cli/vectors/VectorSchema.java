package io.veilflux.cli.vectors;

import com.fasterxml.jackson.databind.JsonNode;

/** A checker for one vector file format, recognised by the file's top-level {@code schema} field. */
interface VectorSchema {

    /** Whether this checker reads files whose {@code schema} is {@code schema}. */
    boolean reads(String schema);

    /** Recomputes every case of {@code root} and reports each one that differs. */
    CheckReport check(String file, JsonNode root);
}
