// Train the GCN recommender on the demo projection (graph only; rating as edge weight); registers model 'rec4j-demo-gcn'
CALL rec.gcn.train('rec4j-demo', {modelName: 'rec4j-demo-gcn', nodeLabels: ['User', 'Item'],
                                  relationshipWeightProperty: 'rating', embeddingDimension: 64, layers: 3, epochs: 40,
                                  learningRate: 0.005, l2: 0.001, validationFraction: 0.1, randomSeed: 42})
YIELD modelName, users, items, interactions, bestEpoch, validationRecall, didConverge, trainMillis
RETURN modelName, users, items, interactions, bestEpoch, round(validationRecall, 4) AS validationRecall, didConverge, trainMillis;

// Fit the graph-only model's text tower (item text vector -> item embedding) so that it, too, can place text-only items
// and free-text queries in its space
CALL rec.gcn.textTower('rec4j-demo-gcn', {featureProperties: ['textEmbedding']})
YIELD modelName, fittedItems, featureDimension, embeddingDimension
RETURN modelName, fittedItems, featureDimension, embeddingDimension;

// A second projection with the items' text vectors, for a model that fuses text with the graph
CALL gds.graph.drop('rec4j-demo-text', false) YIELD graphName
RETURN graphName;

// Users, items with their textEmbedding, and RATED (undirected, rating as weight)
CALL gds.graph.project('rec4j-demo-text', {User: {}, Item: {properties: 'textEmbedding'}},
                       {RATED: {orientation: 'UNDIRECTED', properties: ['rating']}})
YIELD graphName, nodeCount, relationshipCount
RETURN graphName, nodeCount, relationshipCount;

// Train the text-fused model 'rec4j-demo-text' (layer 0 = ID embedding + projected text; ID dropout for cold start);
// it can map free text and text-only items into its space (rec.recommend.forText, rec.gcn.foldIn)
CALL rec.gcn.train('rec4j-demo-text', {modelName: 'rec4j-demo-text', nodeLabels: ['User', 'Item'],
                                       relationshipWeightProperty: 'rating', featureProperties: ['textEmbedding'],
                                       fusion: 'sum', idDropout: 0.3, missingFeatures: 'zero', embeddingDimension: 64,
                                       layers: 3, epochs: 40, learningRate: 0.005, l2: 0.001, validationFraction: 0.1,
                                       randomSeed: 42})
YIELD modelName, users, items, interactions, bestEpoch, validationRecall, didConverge, trainMillis
RETURN modelName, users, items, interactions, bestEpoch, round(validationRecall, 4) AS validationRecall, didConverge, trainMillis;
