package rec4j.proc;

import java.util.List;
import org.neo4j.gds.api.Graph;

/**
 * The memory estimates of rec.gcn.train / .stats / .train.estimate (and the graph sizes rec.ease.* estimate from),
 * from a GDS graph's sizes without reading it.
 */
final class GcnEstimates {

    private GcnEstimates() {}

    /** A training estimate and the users and items it counted. */
    record TrainEstimate(rec4j.gcn.GcnMemoryEstimate.Estimate estimate, long nodes) {}

    /**
     * The heap training on this input needs (rec.gcn.train.estimate, and the memory guard of rec.gcn.train and
     * .stats), from the graph's sizes without reading it: users and items by label, interactions as the users' degrees,
     * the text width from the feature properties.
     */
    static TrainEstimate train(GcnTrainConfig c, GdsGraph input, org.neo4j.graphdb.Transaction tx) {
        Graph graph = input.graph();
        Sizes sizes = sizes(graph, c.labels());
        long users = sizes.users(), items = sizes.items(), interactions = sizes.interactions();
        c = c.forInteractions(interactions);
        int featureDimension = 0;
        for (String key : c.featureProperties()) {
            if (graph.availableNodeProperties().contains(key)) {
                featureDimension += featureDimension(graph, key);
            }
        }
        rec4j.gcn.GcnMemoryEstimate.Estimate e = rec4j.gcn.GcnMemoryEstimate.train(users, items, interactions,
                featureDimension, c.parameters(), c.validationFraction(), !Boolean.FALSE.equals(c.refit())); // 'auto': as if it refits
        if (c.textTower()) {
            e = withTextTower(e, users + items, items, featureDimension, c.parameters().outputDimension());
        }
        e = withStart(e, c, users + items, items, interactions, c.hardNegativeType() == null ? 0
                : rec4j.recommend.UserItems.relationshipCount(tx, c.hardNegativeType()));
        return new TrainEstimate(e, users + items);
    }

    /**
     * fusion 'tower': the text features read with the graph (nodes x f floats, kept to the end), the ridge fit (a
     * (f + 1)^2 Gram matrix and its right-hand sides in double, the weights and means in float) and the copy of the
     * final embeddings in which the items without interactions are placed by their text.
     */
    private static rec4j.gcn.GcnMemoryEstimate.Estimate withTextTower(rec4j.gcn.GcnMemoryEstimate.Estimate e, long nodes,
            long items, int f, int width) {
        java.util.Map<String, Long> c = new java.util.LinkedHashMap<>(e.components());
        long features = nodes * f * 4 + 16;
        long fit = (long) (f + 1) * (f + 1) * 8 + (long) (f + 1) * width * 8 + items * width * 4 + (long) f * width * 4 + 64
                + nodes * width * 4 + items * f * 4;
        c.put("textTowerFeatures", features);
        c.put("textTowerFit", fit);
        return new rec4j.gcn.GcnMemoryEstimate.Estimate(e.bytes() + features + fit, c);
    }

    /**
     * GcnStart's arrays: hard negatives (the item-row map, and at most one int per logged impression, counted from the
     * count store) and a warm start (ID rows and their fold-in sums, nodes x embeddingDimension floats each, per-node
     * weights, flags and earlier rows); the earlier model itself is already in the catalog's memory.
     */
    private static rec4j.gcn.GcnMemoryEstimate.Estimate withStart(rec4j.gcn.GcnMemoryEstimate.Estimate e, GcnTrainConfig c,
            long nodes, long items, long interactions, long shown) {
        java.util.Map<String, Long> parts = new java.util.LinkedHashMap<>(e.components());
        long added = 0;
        if (c.hardNegativeType() != null) {
            long hard = items * 64 + shown * 4 + nodes * 16;
            parts.put("hardNegatives", hard);
            added += hard;
        }
        if (c.initialModel() != null) {
            long warm = 2 * nodes * c.parameters().embeddingDimension() * 4L + nodes * (8 + 1 + 4) + 64;
            parts.put("warmStart", warm);
            added += warm;
        }
        if (c.recency() != null) {
            // the times are a second read of the graph (with the first one's rows alive) and a flat copy in double
            long recency = e.components().getOrDefault("readFromGds", 0L) + interactions * 8 + 64;
            parts.put("recency", recency);
            added += recency;
        }
        return added == 0 ? e : new rec4j.gcn.GcnMemoryEstimate.Estimate(e.bytes() + added, parts);
    }

    /** Users, items and interactions (the users' degrees) of a graph, counted without reading it. */
    record Sizes(long users, long items, long interactions) {}

    static Sizes sizes(Graph graph, List<String> labels) {
        org.neo4j.gds.NodeLabel userLabel = org.neo4j.gds.NodeLabel.of(labels.get(0));
        org.neo4j.gds.NodeLabel itemLabel = org.neo4j.gds.NodeLabel.of(labels.get(1));
        long users = 0, items = 0, interactions = 0;
        for (long n = 0; n < graph.nodeCount(); n++) {
            if (graph.hasLabel(n, userLabel)) {
                users++;
                interactions += graph.degree(n);
            } else if (graph.hasLabel(n, itemLabel)) {
                items++;
            }
        }
        return new Sizes(users, items, interactions);
    }

    /** The length of a list-valued node property: from its schema, else from the first node that has it. */
    private static int featureDimension(Graph graph, String key) {
        org.neo4j.gds.api.properties.nodes.NodePropertyValues values = graph.nodeProperties(key);
        if (values.dimension().isPresent()) {
            return values.dimension().get();
        }
        for (long n = 0; n < graph.nodeCount(); n++) {
            Object value = switch (values.valueType()) {
                case DOUBLE_ARRAY -> values.doubleArrayValue(n);
                case FLOAT_ARRAY -> values.floatArrayValue(n);
                default -> null;
            };
            if (value != null) {
                return java.lang.reflect.Array.getLength(value);
            }
        }
        return 0;
    }
}
