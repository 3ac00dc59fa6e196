package rec4j.gcn;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.gds.NodeLabel;
import org.neo4j.gds.api.Graph;
import org.neo4j.gds.api.properties.nodes.NodePropertyValues;

/**
 * Reads a GDS projection as a bipartite user-item graph: nodes with the user label become users, nodes with the item
 * label items (in GDS node order); each relationship from a user to an item is an interaction, weighted by the
 * relationship property when the graph has one. Text features are the named node properties (float or double lists),
 * concatenated; a node without them gets a zero row.
 */
public final class GdsInteractions {

    /** The interactions and, for each user and item row, the Neo4j node id. */
    public record Loaded(Interactions data, long[] userNodeIds, long[] itemNodeIds, long missingFeatures) {}

    private GdsInteractions() {}

    public static Loaded read(Graph graph, String userLabel, String itemLabel, List<String> featureProperties) {
        NodeLabel users = NodeLabel.of(userLabel);
        NodeLabel items = NodeLabel.of(itemLabel);
        long n = graph.nodeCount();
        int[] row = new int[(int) n];
        List<Long> userIds = new ArrayList<>();
        List<Long> itemIds = new ArrayList<>();
        for (long node = 0; node < n; node++) {
            boolean isUser = graph.hasLabel(node, users);
            boolean isItem = graph.hasLabel(node, items);
            if (isUser && isItem) {
                throw new IllegalArgumentException("node " + graph.toOriginalNodeId(node) + " has both the user label '"
                        + userLabel + "' and the item label '" + itemLabel + "'");
            }
            if (isUser) {
                row[(int) node] = userIds.size();
                userIds.add(graph.toOriginalNodeId(node));
            } else if (isItem) {
                row[(int) node] = -1 - itemIds.size();
                itemIds.add(graph.toOriginalNodeId(node));
            } else {
                row[(int) node] = Integer.MIN_VALUE;
            }
        }
        if (userIds.isEmpty() || itemIds.isEmpty()) {
            throw new IllegalArgumentException("the graph has " + userIds.size() + " nodes labelled '" + userLabel + "' and "
                    + itemIds.size() + " labelled '" + itemLabel + "'; a user-item graph needs both");
        }
        ArrayList<int[]> pairs = new ArrayList<>();
        ArrayList<Float> weights = new ArrayList<>();
        for (long node = 0; node < n; node++) {
            int u = row[(int) node];
            if (u < 0) {
                continue;
            }
            graph.forEachRelationship(node, 1.0, (source, target, weight) -> {
                int t = row[(int) target];
                if (t < 0 && t != Integer.MIN_VALUE) {
                    pairs.add(new int[] {u, -1 - t});
                    weights.add((float) weight);
                }
                return true;
            });
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("the graph has no relationship from a '" + userLabel + "' node to an '"
                    + itemLabel + "' node; project the interactions UNDIRECTED or from users to items");
        }
        int users0 = userIds.size(), items0 = itemIds.size();
        float[] features = null;
        int featureDimension = 0;
        long missing = 0;
        if (!featureProperties.isEmpty()) {
            List<NodePropertyValues> values = new ArrayList<>();
            for (String key : featureProperties) {
                if (!graph.availableNodeProperties().contains(key)) {
                    throw new IllegalArgumentException("'featureProperties': the graph has no node property '" + key
                            + "'; it has " + graph.availableNodeProperties());
                }
                values.add(graph.nodeProperties(key));
            }
            int[] dims = new int[values.size()];
            for (long node = 0; node < n; node++) {
                for (int k = 0; k < values.size(); k++) {
                    double[] v = vector(values.get(k), node);
                    if (v != null) {
                        if (dims[k] != 0 && dims[k] != v.length) {
                            throw new IllegalArgumentException("'featureProperties': '" + featureProperties.get(k) + "' has "
                                    + v.length + " values on node " + graph.toOriginalNodeId(node) + " but " + dims[k]
                                    + " on others");
                        }
                        dims[k] = v.length;
                    }
                }
            }
            int[] offset = new int[values.size() + 1];
            for (int k = 0; k < values.size(); k++) {
                offset[k + 1] = offset[k] + dims[k];
            }
            featureDimension = offset[values.size()];
            if (featureDimension == 0) {
                throw new IllegalArgumentException("featureProperties " + featureProperties + " are set on no node of the graph");
            }
            features = new float[(users0 + items0) * featureDimension];
            for (long node = 0; node < n; node++) {
                int r = row[(int) node];
                if (r == Integer.MIN_VALUE) {
                    continue;
                }
                int target = r >= 0 ? r : users0 + (-1 - r);
                boolean any = false;
                for (int k = 0; k < values.size(); k++) {
                    double[] v = vector(values.get(k), node);
                    if (v == null) {
                        continue;
                    }
                    any = true;
                    for (int c = 0; c < v.length; c++) {
                        if (!Double.isFinite(v[c])) {
                            throw new IllegalArgumentException("'featureProperties': '" + featureProperties.get(k) + "' of node "
                                    + graph.toOriginalNodeId(node) + " holds " + v[c]);
                        }
                        features[target * featureDimension + offset[k] + c] = (float) v[c];
                    }
                }
                if (!any) {
                    missing++;
                }
            }
        }
        int[] us = new int[pairs.size()], is = new int[pairs.size()];
        float[] ws = new float[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            us[k] = pairs.get(k)[0];
            is[k] = pairs.get(k)[1];
            ws[k] = weights.get(k);
        }
        // the boxed pairs are garbage from here on, whether or not the JIT still counts the lists as live (the memory
        // estimate relies on it)
        pairs.clear();
        pairs.trimToSize();
        weights.clear();
        weights.trimToSize();
        Interactions data = Interactions.of(users0, items0, us, is, ws, features, featureDimension);
        return new Loaded(data, userIds.stream().mapToLong(Long::longValue).toArray(),
                itemIds.stream().mapToLong(Long::longValue).toArray(), missing);
    }

    private static double[] vector(NodePropertyValues values, long node) {
        return switch (values.valueType()) {
            case DOUBLE_ARRAY -> values.doubleArrayValue(node);
            case FLOAT_ARRAY -> {
                float[] f = values.floatArrayValue(node);
                if (f == null) {
                    yield null;
                }
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                yield d;
            }
            default -> throw new IllegalArgumentException("'featureProperties': a node property of type " + values.valueType()
                    + " is not a list of floats");
        };
    }
}
