// MovieLens 100K: recommendations for a viewer, why, similar movies and free text (a few seconds).
// Needs: 37-train-movielens (models 'rec4j-movielens-gcn' and 'rec4j-movielens-ease') and 31-embed-movielens.
// Change viewerId 1 and the texts to try others.

// Viewer 1's taste: the genres of the movies they rated 4 or 5
MATCH (:Viewer {viewerId: 1})-[r:RATED]->(:Movie)-[:IN_GENRE]->(g:Genre) WHERE r.rating >= 4
RETURN g.name AS genre, count(*) AS likedMovies ORDER BY likedMovies DESC, genre LIMIT 5;

// Recommendations for viewer 1 from the GCN (movies they rated are left out)
MATCH (v:Viewer {viewerId: 1})
CALL rec.recommend.forUser(v, {modelName: 'rec4j-movielens-gcn', k: 10})
YIELD item, score, rank
RETURN rank, item.title AS movie, item.genres AS genres, round(score, 3) AS score;

// The same from EASE
MATCH (v:Viewer {viewerId: 1})
CALL rec.recommend.forUser(v, {modelName: 'rec4j-movielens-ease', k: 10})
YIELD item, score, rank
RETURN rank, item.title AS movie, item.genres AS genres, round(score, 3) AS score;

// Why: for viewer 1's top 3 (GCN), the movies they rated that agree most with each, and a path through the ratings
MATCH (v:Viewer {viewerId: 1})
CALL rec.recommend.forUser(v, {modelName: 'rec4j-movielens-gcn', k: 3, explain: true, explainItems: 2})
YIELD item, rank, reasons, paths
RETURN rank, item.title AS movie, [r IN reasons | r.item.title + ' (' + toString(round(r.contribution, 2)) + ')'] AS because,
       [p IN paths | size(relationships(p))] AS pathLengths;

// Movies like movie 1, in the GCN's space
MATCH (m:Movie {movieId: 1})
CALL rec.recommend.similarItems(m, {modelName: 'rec4j-movielens-gcn', k: 5})
YIELD item, score
RETURN m.title AS like, item.title AS movie, item.genres AS genres, round(score, 3) AS cosine;

// Free text through the GCN's text tower: movies for a wish
CALL rec.recommend.forText('a funny animated film for the whole family', {modelName: 'rec4j-movielens-gcn', k: 5})
YIELD item, score, rank
RETURN rank, item.title AS movie, item.genres AS genres, round(score, 3) AS score;

// The same wish for viewer 1 (half text, half their taste)
MATCH (v:Viewer {viewerId: 1})
CALL rec.recommend.forText('a funny animated film for the whole family', {modelName: 'rec4j-movielens-gcn', k: 5,
                                                                        user: v, alpha: 0.5})
YIELD item, score, rank
RETURN rank, item.title AS movie, item.genres AS genres, round(score, 3) AS score;

// The movies closest in text to a wish (rec.embed.text and the vector index of 31-embed-movielens, no model)
CALL db.index.vector.queryNodes('rec4j_Movie_textEmbedding', 5, rec.embed.text('a scary movie about a haunted house'))
YIELD node, score
RETURN node.title AS movie, node.genres AS genres, round(score, 3) AS similarity;
