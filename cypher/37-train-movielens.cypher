// MovieLens 100K: the serving models, trained on every positive rating (about 1-2 min on ML-100K, 2 cores: the GCN
// picks its epoch count on a validation part, then refits; EASE fits in seconds).
// Needs: 21-project-movielens and 31-embed-movielens. 38-evaluate-movielens measures the same recipes on a held-out
// part; 41-movielens-queries uses these models.

// The defaults: early stopping on 10 % of each viewer's ratings, then a refit on all for the epochs picked
// The GCN (graph only); registers model 'rec4j-movielens-gcn'
CALL rec.gcn.train('rec4j-movielens', {modelName: 'rec4j-movielens-gcn', nodeLabels: ['Viewer', 'Movie'], randomSeed: 42})
YIELD modelName, users, items, interactions, selectedEpochs, validationRecall, trainMillis
RETURN modelName, users, items, interactions, selectedEpochs, round(validationRecall, 4) AS validationRecall, trainMillis;

// Its text tower (movie text vector -> movie embedding), so that free text and new movies map into its space
CALL rec.gcn.textTower('rec4j-movielens-gcn', {featureProperties: ['textEmbedding']})
YIELD modelName, fittedItems, featureDimension, embeddingDimension
RETURN modelName, fittedItems, featureDimension, embeddingDimension;

// EASE, the closed-form item-item model (lambda picked on a validation part, then a refit on all); registers model 'rec4j-movielens-ease'
CALL rec.ease.train('rec4j-movielens', {modelName: 'rec4j-movielens-ease', nodeLabels: ['Viewer', 'Movie'], randomSeed: 42})
YIELD modelName, users, items, interactions, lambda, trainMillis
RETURN modelName, users, items, interactions, lambda, trainMillis;
