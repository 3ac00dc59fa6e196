// MovieLens 100K: a text for every movie, its vector (all-MiniLM-L6-v2) and a cosine vector index on them
// (about 20-30 s on ML-100K with plots, 2 cores; less without).
// Needs: 11-import-movielens (and 12-movielens-plots, if you have plots). Safe to rerun: only changed texts are
// embedded again.

// A movie whose text changed loses its old vector
// The text of each movie: 'Title (year). Genre, Genre.' and the plot when 12-movielens-plots found one
MATCH (m:Movie) WHERE m.title IS NOT NULL
WITH m, m.title + '. ' + reduce(s = '', g IN m.genres | s + CASE WHEN s = '' THEN '' ELSE ', ' END + g) + '.'
        + coalesce(' ' + m.plot, '') AS text
WHERE m.text IS NULL OR m.text <> text
SET m.text = text
REMOVE m.textEmbedding;

// Embed the texts that have no vector yet, and create the vector index rec4j_Movie_textEmbedding
CALL rec.embed.nodes({nodeLabels: ['Movie'], textProperties: ['text'], writeProperty: 'textEmbedding',
                      skipExisting: true, vectorIndex: true})
YIELD embedded, skippedNoText, skippedExisting, dimension, computeMillis, writeMillis, vectorIndex
RETURN embedded, skippedNoText, skippedExisting, dimension, computeMillis, writeMillis, vectorIndex;

// Wait until the vector index is online
CALL db.awaitIndexes(300);
