"""Document layouts, one module per document type; each layout is a function
``build(rng, case, j) -> DocPart`` where J (0, 1, 2, ...) rotates the layout's traps."""
