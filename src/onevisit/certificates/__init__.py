"""Electronic certificates (电子证照): identifiers, issuance, status and verification."""
