// MovieLens 100K, optional: plot summaries (about 2 s on ML-100K). Skip this script when you have no plot file: the
// movies' text is then their title and genres (31-embed-movielens).
// Needs: 11-import-movielens, and ml-100k/items_text.tsv in the import directory. That file is NOT part of GroupLens'
// download: you make it yourself, tab-separated with a header line, the u.item movie id in the first column and the
// plot in the last (e.g. "item_id<TAB>title<TAB>plot"; an empty plot is allowed). Plot summaries can come from
// Wikipedia's film articles (the "Plot" section), the OMDb API (plot=short) or the TMDB "overview" field (e.g. via
// Kaggle's "The Movies Dataset" joined on title and year); check their terms of use.
// Run 31-embed-movielens after it: movies whose text changed are embedded again.

// Plots hold bare quotes, so each line is read whole and split on tabs here; the header and any line whose first
// field is not a number are skipped
// Plots from items_text.tsv
LOAD CSV FROM 'file:///ml-100k/items_text.tsv' AS line FIELDTERMINATOR '\u0001'
WITH split(line[0], '\t') AS f
WHERE size(f) >= 2 AND toInteger(f[0]) IS NOT NULL
CALL (f) {
  MATCH (m:Movie {movieId: toInteger(f[0])})
  SET m.plot = CASE WHEN trim(f[size(f) - 1]) = '' THEN null ELSE trim(f[size(f) - 1]) END
} IN TRANSACTIONS OF 1000 ROWS;

// Movies with a plot
MATCH (m:Movie)
RETURN count(m) AS movies, count(m.plot) AS withPlot;
