// Drop an earlier in-memory projection of the demo graph (no row when there is none)
CALL gds.graph.drop('rec4j-demo', false) YIELD graphName
RETURN graphName;

// Project users, items and RATED (undirected, with the rating as weight) into GDS memory
CALL gds.graph.project('rec4j-demo', ['User', 'Item'], {RATED: {orientation: 'UNDIRECTED', properties: ['rating']}})
YIELD graphName, nodeCount, relationshipCount
RETURN graphName, nodeCount, relationshipCount;
