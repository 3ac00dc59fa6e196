// MovieLens 100K: is it any good? A seeded 80/20 split of each viewer's positive ratings, the GCN trained on the
// training part only, and Recall / NDCG / ... at k = 10 and 20 for it and the popularity, item-kNN and EASE baselines
// (about 1-2 min on ML-100K, 2 cores).
// Needs: 11-import-movielens and 31-embed-movielens (the vectors are used for the diversity column only). Writes
// RATED.split = 'train' | 'test' on the ratings 4 or 5 (the others lose it).

// Hold out 20 % of each viewer's positive ratings (>= 4), seeded
CALL rec.evaluate.split({nodeLabels: ['Viewer', 'Movie'], relationshipTypes: ['RATED'], strategy: 'random',
                         testFraction: 0.2, minRating: 4, randomSeed: 2020})
YIELD trainRelationships, testRelationships, ignoredRelationships, usersWithTest
RETURN trainRelationships, testRelationships, ignoredRelationships, usersWithTest;

// Drop an earlier projection of the training part (no row when there is none)
CALL gds.graph.drop('rec4j-movielens-train', false) YIELD graphName
RETURN graphName;

// Project only the training part (undirected, as rec.gcn.train expects)
MATCH (v:Viewer)-[r:RATED]->(m:Movie) WHERE r.split = 'train'
WITH gds.graph.project('rec4j-movielens-train', v, m, {sourceNodeLabels: labels(v), targetNodeLabels: labels(m),
                       relationshipType: type(r)}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount;

// The GCN on the training part only, the same recipe as 37-train-movielens; registers model 'rec4j-movielens-eval'
CALL rec.gcn.train('rec4j-movielens-train', {modelName: 'rec4j-movielens-eval', nodeLabels: ['Viewer', 'Movie'],
                                             randomSeed: 42})
YIELD modelName, users, items, interactions, selectedEpochs, trainMillis
RETURN modelName, users, items, interactions, selectedEpochs, trainMillis;

// The GCN against popularity, item-kNN and EASE (fitted here on the same training part) on the held-out ratings
CALL rec.evaluate.model('rec4j-movielens-eval', {k: [10, 20], baselines: ['popularity', 'itemKnn', 'ease'],
                                                 featureProperty: 'textEmbedding'})
YIELD method, k, recall, precision, ndcg, hitRate, coverage, diversity, novelty, users
RETURN method, k, round(recall, 4) AS recall, round(precision, 4) AS precision, round(ndcg, 4) AS ndcg,
       round(hitRate, 4) AS hitRate, round(coverage, 4) AS coverage, round(diversity, 4) AS diversity,
       round(novelty, 2) AS novelty, users;
