package io.stratum.api.model;

import java.util.UUID;

/** A row of table {@code block_document_reference}. */
public non-sealed interface BlockDocumentReference extends OrmModel {
    /** The table name, exactly as in the reference schema. */
    String TABLE = "block_document_reference";

    String getName();

    UUID getParentBlockDocumentId();

    UUID getReferenceBlockDocumentId();
}
