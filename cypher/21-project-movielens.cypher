// Drop an earlier in-memory projection of MovieLens (no row when there is none)
CALL gds.graph.drop('rec4j-movielens', false) YIELD graphName
RETURN graphName;

// Project viewers, movies and RATED (undirected, with the rating as weight) into GDS memory
CALL gds.graph.project('rec4j-movielens', ['Viewer', 'Movie'], {RATED: {orientation: 'UNDIRECTED', properties: ['rating']}})
YIELD graphName, nodeCount, relationshipCount
RETURN graphName, nodeCount, relationshipCount;
