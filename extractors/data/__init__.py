"""Data files (patterns, label aliases, ranges, cue words) loaded by `extractors.patterns`."""
