"""Demo seed: in-flight cases in every state (see seed_cases)."""
