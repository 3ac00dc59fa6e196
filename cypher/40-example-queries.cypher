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

// Recommendations for user 1 from the GCN model of 35-train-demo (rec.recommend.forUser), with calibrated probabilities
MATCH (u:User {userId: 1})
CALL rec.recommend.forUser(u, {modelName: 'rec4j-demo-gcn', k: 10})
YIELD item, score, probability, rank
RETURN rank, item.title AS item, item.category AS category, round(score, 3) AS score, round(probability, 4) AS probability;

// With recency: a rating weighs half as much per 30 days of age, seen from the day after user 1's latest rating
MATCH (u:User {userId: 1})-[r:RATED]->()
WITH u, max(r.timestamp) AS latest
CALL rec.recommend.forUser(u, {modelName: 'rec4j-demo-gcn', k: 5, halfLifeDays: 30, timeProperty: 'timestamp',
                               at: latest + 86400})
YIELD item, score, rank, basis
RETURN rank, item.title AS item, item.category AS category, round(score, 3) AS score, basis;

// The same, re-ranked for diversity (MMR, lambda 0.5) and only items under 100
MATCH (u:User {userId: 1})
CALL rec.recommend.forUser(u, {modelName: 'rec4j-demo-gcn', k: 10, diversity: 0.5, filter: {price: {max: 100}}})
YIELD item, score, rank
RETURN rank, item.title AS item, item.category AS category, item.price AS price, round(score, 3) AS score;

// Why: for user 1's top 3, the items they rated that agree most with each, and a path through the graph
MATCH (u:User {userId: 1})
CALL rec.recommend.forUser(u, {modelName: 'rec4j-demo-gcn', k: 3, explain: true, explainItems: 2})
YIELD item, rank, reasons, paths
RETURN rank, item.title AS item, [r IN reasons | r.item.title + ' (' + toString(round(r.contribution, 2)) + ')'] AS because,
       [p IN paths | size(relationships(p))] AS pathLengths;

// Items like the first Coffee item, in the model's space
MATCH (i:Item {category: 'Coffee'}) WITH i ORDER BY i.itemId LIMIT 1
CALL rec.recommend.similarItems(i, {modelName: 'rec4j-demo-gcn', k: 5})
YIELD item, score
RETURN i.title AS like, item.title AS item, item.category AS category, round(score, 3) AS cosine;

// Free-text context through the text-fused model (rec4j-demo-text): items for a wish that fits the catalog
CALL rec.recommend.forText('a warm waterproof jacket for winter hiking', {modelName: 'rec4j-demo-text', k: 5})
YIELD item, score, rank
RETURN rank, item.title AS item, item.category AS category, round(score, 3) AS score;

// Another wish through the graph-only model's text tower (fitted in 35-train-demo)
CALL rec.recommend.forText('a present for someone who loves making espresso', {modelName: 'rec4j-demo-gcn', k: 5})
YIELD item, score, rank
RETURN rank, item.title AS item, item.category AS category, round(score, 3) AS score;

// Cold start: a visitor with no account who liked two items (seedItems)
MATCH (i:Item) WHERE i.itemId IN [1, 2]
WITH collect(i) AS liked
CALL rec.recommend.forUser(null, {modelName: 'rec4j-demo-gcn', seedItems: liked, k: 5})
YIELD item, rank, basis
RETURN rank, item.title AS item, item.category AS category, basis;

// Sentiment of a few reviews of user 1 (rec.sentiment.text: the default classifier over the MiniLM vectors)
MATCH (:User {userId: 1})-[r:RATED]->(i:Item) WHERE r.review IS NOT NULL
WITH r, i ORDER BY i.itemId LIMIT 3
WITH r, rec.sentiment.text(r.review) AS s
RETURN r.rating AS rating, r.review AS review, s.label AS sentiment, round(s.score, 3) AS score;
