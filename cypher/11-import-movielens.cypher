// MovieLens 100K, step 1: movies and genres from ml-100k/u.item in the import directory (pipe-separated, no header)
LOAD CSV FROM 'file:///ml-100k/u.item' AS row FIELDTERMINATOR '|'
WITH row, ['unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary', 'Drama',
           'Fantasy', 'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western'] AS genreNames
CALL (row, genreNames) {
  MERGE (m:Movie {movieId: toInteger(row[0])})
  SET m.title = row[1], m.releaseDate = row[2], m.genres = [g IN range(0, 18) WHERE row[5 + g] = '1' | genreNames[g]]
  WITH m
  UNWIND m.genres AS genre
  MERGE (gn:Genre {name: genre})
  MERGE (m)-[:IN_GENRE]->(gn)
} IN TRANSACTIONS OF 1000 ROWS;

// MovieLens 100K, step 2: ratings from ml-100k/u.data (user, movie, rating, epoch seconds; tab-separated)
LOAD CSV FROM 'file:///ml-100k/u.data' AS row FIELDTERMINATOR '\t'
CALL (row) {
  MERGE (v:Viewer {viewerId: toInteger(row[0])})
  WITH v, row
  MATCH (m:Movie {movieId: toInteger(row[1])})
  MERGE (v)-[r:RATED]->(m)
  SET r.rating = toInteger(row[2]), r.timestamp = toInteger(row[3])
} IN TRANSACTIONS OF 10000 ROWS;

// MovieLens 100K, step 3: plot texts from ml-100k/items_text.tsv (tab-separated with a header; plots hold bare
// quotes, so each line is read whole and split on tabs here)
LOAD CSV FROM 'file:///ml-100k/items_text.tsv' AS line FIELDTERMINATOR '\u0001'
WITH split(line[0], '\t') AS f
WHERE f[0] <> 'item_id' AND size(f) >= 6
CALL (f) {
  MATCH (m:Movie {movieId: toInteger(f[0])})
  SET m.plot = CASE WHEN f[5] = '' THEN null ELSE f[5] END, m.tmdbId = toInteger(f[4])
} IN TRANSACTIONS OF 1000 ROWS;
