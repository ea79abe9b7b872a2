"""The data layer: the pattern store, the gazetteer, the word index and the compiled-regex cache."""
