// Text vectors of the demo items (title + description) with all-MiniLM-L6-v2, and a cosine vector index on them
CALL rec.embed.nodes({nodeLabels: ['Item'], textProperties: ['title', 'description'], writeProperty: 'textEmbedding',
                      skipExisting: true, vectorIndex: true})
YIELD embedded, skippedNoText, skippedExisting, dimension, computeMillis, writeMillis, vectorIndex
RETURN embedded, skippedNoText, skippedExisting, dimension, computeMillis, writeMillis, vectorIndex;

// Each user's text profile: the rating-weighted mean of the vectors of the items they rated 4 or 5
CALL rec.embed.profiles({nodeLabels: ['User'], relationshipTypes: ['RATED'], embeddingProperty: 'textEmbedding',
                         weightProperty: 'rating', minWeight: 4, writeProperty: 'textProfile'})
YIELD profilesWritten, usersSkipped, dimension
RETURN profilesWritten, usersSkipped, dimension;

// Wait until the vector index is online
CALL db.awaitIndexes(300);
