"""Stage 4: resolution. Mentions found by extract/ get their final values, and indicators are linked."""
