// Hold out 20 % of each user's positive ratings (>= 4) for evaluation, seeded: RATED.split = 'train' or 'test'
CALL rec.evaluate.split({nodeLabels: ['User', 'Item'], relationshipTypes: ['RATED'], strategy: 'random', testFraction: 0.2,
                         minRating: 4, randomSeed: 2020})
YIELD trainRelationships, testRelationships, ignoredRelationships, usersWithTest
RETURN trainRelationships, testRelationships, ignoredRelationships, usersWithTest;

// Drop an earlier projection of the training part (no row when there is none)
CALL gds.graph.drop('rec4j-demo-train', false) YIELD graphName
RETURN graphName;

// Project only the training part (Cypher aggregation; undirected, as rec.gcn.train expects)
MATCH (u:User)-[r:RATED]->(i:Item) WHERE r.split = 'train'
WITH gds.graph.project('rec4j-demo-train', u, i, {sourceNodeLabels: labels(u), targetNodeLabels: labels(i),
                       relationshipType: type(r), relationshipProperties: r {.rating}}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount;

// Train the GCN on the training part only (graph only; 70 epochs, picked by EvaluateBenchmark on a validation split); registers model 'rec4j-demo-eval'
CALL rec.gcn.train('rec4j-demo-train', {modelName: 'rec4j-demo-eval', nodeLabels: ['User', 'Item'], embeddingDimension: 64,
                                        layers: 3, epochs: 70, learningRate: 0.005, l2: 0.001, validationFraction: 0.0,
                                        randomSeed: 42})
YIELD modelName, users, items, interactions, trainMillis
RETURN modelName, users, items, interactions, trainMillis;

// Is it any good? The model against popularity and item-kNN on the held-out ratings, at k = 10 and 20
CALL rec.evaluate.model('rec4j-demo-eval', {k: [10, 20], baselines: ['popularity', 'itemKnn'], featureProperty: 'textEmbedding'})
YIELD method, k, recall, precision, ndcg, hitRate, coverage, diversity, novelty, users
RETURN method, k, round(recall, 4) AS recall, round(precision, 4) AS precision, round(ndcg, 4) AS ndcg,
       round(hitRate, 4) AS hitRate, round(coverage, 4) AS coverage, round(diversity, 4) AS diversity,
       round(novelty, 2) AS novelty, users;
