// Train the GCN recommender on the demo projection (graph only; rating as edge weight); registers model 'rec4j-demo-gcn'
CALL rec.gcn.train('rec4j-demo', {modelName: 'rec4j-demo-gcn', nodeLabels: ['User', 'Item'],
                                  relationshipWeightProperty: 'rating', embeddingDimension: 64, layers: 3, epochs: 40,
                                  learningRate: 0.005, l2: 0.001, validationFraction: 0.1, randomSeed: 42})
YIELD modelName, users, items, interactions, bestEpoch, validationRecall, didConverge, trainMillis
RETURN modelName, users, items, interactions, bestEpoch, round(validationRecall, 4) AS validationRecall, didConverge, trainMillis;
