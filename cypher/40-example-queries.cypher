// What is in the database
MATCH (n)
WITH labels(n)[0] AS label, count(*) AS nodes
RETURN label, nodes ORDER BY label;

// Relationships by type
MATCH ()-[r]->()
RETURN type(r) AS relationship, count(*) AS count ORDER BY relationship;

// Ratings of the demo catalog: how many, their mean, and how many carry a review
MATCH (:User)-[r:RATED]->(:Item)
RETURN count(r) AS ratings, round(avg(r.rating), 2) AS meanRating, count(r.review) AS reviews;

// The GDS in-memory projection of the demo graph
CALL gds.graph.list('rec4j-demo') YIELD graphName, nodeCount, relationshipCount
RETURN graphName, nodeCount, relationshipCount;

// rec4j in this server
CALL rec.info() YIELD pluginVersion, neo4jVersion, gdsVersion, djlEngines, nd4jBackends
RETURN pluginVersion, neo4jVersion, gdsVersion, djlEngines, nd4jBackends;

// User 1 and the taste the generator planted
MATCH (u:User {userId: 1})
RETURN u.name AS user, u.favoriteCategories AS plantedTaste, COUNT { (u)-[:RATED]->() } AS ratings;

// Recommendations for user 1, Cypher collaborative filtering: users who liked what you liked also liked ...
MATCH (u:User {userId: 1})-[r1:RATED]->(:Item)<-[r2:RATED]-(:User)-[r3:RATED]->(rec:Item)
WHERE r1.rating >= 4 AND r2.rating >= 4 AND r3.rating >= 4 AND NOT (u)-[:RATED]->(rec)
RETURN rec.title AS item, rec.category AS category, count(*) AS paths
ORDER BY paths DESC, item LIMIT 10;

// Items closest in meaning to a free-text wish (rec.embed.text + the vector index written by 30-embed-demo)
CALL db.index.vector.queryNodes('rec4j_Item_textEmbedding', 5, rec.embed.text('a present for someone who loves making espresso'))
YIELD node, score
RETURN node.title AS item, node.category AS category, round(score, 3) AS similarity;

// User 1's text profile against the items they have not rated: the closest in text
MATCH (u:User {userId: 1})
CALL db.index.vector.queryNodes('rec4j_Item_textEmbedding', 25, u.textProfile) YIELD node, score
WHERE NOT (u)-[:RATED]->(node)
RETURN node.title AS item, node.category AS category, round(score, 3) AS similarity LIMIT 5;

// Recommendations for user 1 from the GCN model trained by 35-train-demo (dot product of final embeddings)
CALL rec.gcn.stream('rec4j-demo-gcn') YIELD nodeId, embedding
WITH collect([nodeId, embedding]) AS rows
MATCH (u:User {userId: 1})
WITH u, [r IN rows WHERE r[0] = id(u)][0][1] AS ue, rows
UNWIND rows AS r
MATCH (i:Item) WHERE id(i) = r[0] AND NOT (u)-[:RATED]->(i)
RETURN i.title AS item, i.category AS category,
       round(reduce(s = 0.0, k IN range(0, size(ue) - 1) | s + ue[k] * r[1][k]), 3) AS score
ORDER BY score DESC LIMIT 10;
