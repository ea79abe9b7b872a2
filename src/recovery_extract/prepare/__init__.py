"""Stage 1-2: bytes to a normalised text with its offset map, its language and sentences."""
