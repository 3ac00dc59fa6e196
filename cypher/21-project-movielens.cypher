// MovieLens 100K: the GDS projection the serving models of 37-train-movielens train on (a few seconds on ML-100K).
// Needs: 11-import-movielens.

// Drop an earlier in-memory projection of MovieLens (no row when there is none)
CALL gds.graph.drop('rec4j-movielens', false) YIELD graphName
RETURN graphName;

// Project viewers, movies and the positive ratings (4 or 5, as 38-evaluate-movielens counts them), undirected
MATCH (v:Viewer)-[r:RATED]->(m:Movie) WHERE r.rating >= 4
WITH gds.graph.project('rec4j-movielens', v, m, {sourceNodeLabels: labels(v), targetNodeLabels: labels(m),
                       relationshipType: type(r)}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount;
