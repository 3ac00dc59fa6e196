// Text vectors of the MovieLens plots (the title where a movie has no plot), and a cosine vector index on them
MATCH (m:Movie) WHERE m.plot IS NULL AND m.title IS NOT NULL
SET m.plotOrTitle = m.title;

MATCH (m:Movie) WHERE m.plot IS NOT NULL
SET m.plotOrTitle = m.plot;

CALL rec.embed.nodes({nodeLabels: ['Movie'], textProperties: ['plotOrTitle'], writeProperty: 'textEmbedding',
                      skipExisting: true, vectorIndex: true})
YIELD embedded, skippedNoText, skippedExisting, dimension, computeMillis, writeMillis, vectorIndex
RETURN embedded, skippedNoText, skippedExisting, dimension, computeMillis, writeMillis, vectorIndex;

// Wait until the vector index is online
CALL db.awaitIndexes(300);
