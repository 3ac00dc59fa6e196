// MovieLens 100K, import (about 15 s on ML-100K, 2 cores).
// Needs: 00-schema, and u.genre, u.item and u.data of GroupLens' ml-100k.zip
// (https://grouplens.org/datasets/movielens/100k/, research licence) in the server's import directory under ml-100k/
// (e.g. <neo4j home>/import/ml-100k/u.item). u.user and the other files are not used.
// Gives (:Viewer {viewerId})-[:RATED {rating, timestamp}]->(:Movie {movieId, title, releaseDate, genres})
// -[:IN_GENRE]->(:Genre {name, position}). Plots are optional: see 12-movielens-plots. Then run 21, 31, 37, 38, 41.

// Step 1: the genres from u.genre (name|position; the position is the genre's 0/1 column among u.item's 19 flags)
LOAD CSV FROM 'file:///ml-100k/u.genre' AS row FIELDTERMINATOR '|'
WITH row WHERE size(row) = 2 AND trim(row[0]) <> ''
MERGE (g:Genre {name: row[0]})
SET g.position = toInteger(row[1]);

// u.item: id|title|release date|video release date|IMDb URL|19 genre flags (pipe-separated, no header)
// Step 2: movies from u.item, with the genres whose flag is 1
MATCH (g:Genre) WITH g ORDER BY g.position
WITH collect(g {.name, .position}) AS genres
LOAD CSV FROM 'file:///ml-100k/u.item' AS row FIELDTERMINATOR '|'
CALL (row, genres) {
  MERGE (m:Movie {movieId: toInteger(row[0])})
  SET m.title = row[1], m.releaseDate = row[2], m.genres = [g IN genres WHERE row[5 + g.position] = '1' | g.name]
  WITH m
  UNWIND m.genres AS genre
  MATCH (gn:Genre {name: genre})
  MERGE (m)-[:IN_GENRE]->(gn)
} IN TRANSACTIONS OF 1000 ROWS;

// Step 3: ratings from u.data (viewer, movie, rating 1-5, epoch seconds; tab-separated)
LOAD CSV FROM 'file:///ml-100k/u.data' AS row FIELDTERMINATOR '\t'
CALL (row) {
  MERGE (v:Viewer {viewerId: toInteger(row[0])})
  WITH v, row
  MATCH (m:Movie {movieId: toInteger(row[1])})
  MERGE (v)-[r:RATED]->(m)
  SET r.rating = toInteger(row[2]), r.timestamp = toInteger(row[3])
} IN TRANSACTIONS OF 10000 ROWS;

// What was imported
MATCH (m:Movie) WITH count(m) AS movies
RETURN movies, COUNT { (:Viewer) } AS viewers, COUNT { (:Viewer)-[:RATED]->(:Movie) } AS ratings, COUNT { (:Genre) } AS genres;
