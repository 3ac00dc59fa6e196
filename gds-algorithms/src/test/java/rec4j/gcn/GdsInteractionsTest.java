package rec4j.gcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.gds.Orientation;
import org.neo4j.gds.RelationshipType;
import org.neo4j.gds.api.Graph;
import org.neo4j.gds.api.schema.MutableGraphSchema;
import org.neo4j.gds.api.schema.MutableRelationshipSchema;
import org.neo4j.gds.core.concurrency.Concurrency;
import org.neo4j.gds.core.loading.Nodes;
import org.neo4j.gds.core.loading.SingleTypeRelationships;
import org.neo4j.gds.core.loading.construction.GraphFactory;
import org.neo4j.gds.core.loading.construction.NodeLabelTokens;
import org.neo4j.gds.core.loading.construction.NodesBuilder;
import org.neo4j.gds.core.loading.construction.RelationshipsBuilder;
import org.neo4j.gds.values.GdsValue;
import org.neo4j.gds.values.primitive.PrimitiveValues;

/** {@link GdsInteractions#read} on small GDS graphs built in memory with GDS's own graph construction, no database. */
class GdsInteractionsTest {

    /** A tiny in-memory GDS graph: nodes with labels and properties, one relationship type. */
    static final class TestGraph {
        private final List<Object[]> nodes = new ArrayList<>();
        private final List<double[]> edges = new ArrayList<>();
        private boolean weighted;

        TestGraph node(long id, String[] labels, Object... keyValues) {
            Map<String, GdsValue> properties = new HashMap<>();
            for (int k = 0; k < keyValues.length; k += 2) {
                Object value = keyValues[k + 1];
                properties.put((String) keyValues[k], value instanceof float[] f ? PrimitiveValues.floatArray(f)
                        : PrimitiveValues.doubleArray((double[]) value));
            }
            nodes.add(new Object[] {id, labels, properties});
            return this;
        }

        TestGraph user(long id, Object... keyValues) {
            return node(id, new String[] {"User"}, keyValues);
        }

        TestGraph item(long id, Object... keyValues) {
            return node(id, new String[] {"Item"}, keyValues);
        }

        TestGraph edge(long source, long target) {
            edges.add(new double[] {source, target, 1.0});
            return this;
        }

        TestGraph edge(long source, long target, double weight) {
            weighted = true;
            edges.add(new double[] {source, target, weight});
            return this;
        }

        @SuppressWarnings("unchecked")
        Graph build() {
            long maxId = nodes.stream().mapToLong(n -> (long) n[0]).max().orElse(0);
            NodesBuilder nb = GraphFactory.initNodesBuilder().maxOriginalId(maxId).hasLabelInformation(true)
                    .hasProperties(true).concurrency(new Concurrency(1)).build();
            for (Object[] n : nodes) {
                nb.addNode((long) n[0], (Map<String, GdsValue>) n[2], NodeLabelTokens.ofStrings((String[]) n[1]));
            }
            Nodes built = nb.build();
            var rb = GraphFactory.initRelationshipsBuilder().nodes(built.idMap())
                    .relationshipType(RelationshipType.of("RATED")).orientation(Orientation.NATURAL)
                    .concurrency(new Concurrency(1));
            if (weighted) {
                rb.addPropertyConfig(GraphFactory.PropertyConfig.of("rating"));
            }
            RelationshipsBuilder relationships = rb.build();
            for (double[] e : edges) {
                if (weighted) {
                    relationships.add((long) e[0], (long) e[1], e[2]);
                } else {
                    relationships.add((long) e[0], (long) e[1]);
                }
            }
            SingleTypeRelationships rels = relationships.build();
            MutableRelationshipSchema relSchema = MutableRelationshipSchema.empty();
            relSchema.set(rels.relationshipSchemaEntry());
            return GraphFactory.create(MutableGraphSchema.of(built.schema(), relSchema, Map.of()), built.idMap(),
                    built.properties().propertyValues(), rels);
        }
    }

    private static int row(long[] ids, long nodeId) {
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] == nodeId) {
                return r;
            }
        }
        throw new AssertionError("no row for node " + nodeId);
    }

    @Test
    void usersAndItemsByLabelAndOnlyUserToItemEdgesCount() {
        Graph graph = new TestGraph()
                .user(1).user(2).user(3)
                .item(10).item(11)
                .node(20, new String[] {"Other"})
                .edge(1, 10).edge(1, 11).edge(2, 11)
                .edge(10, 3)  // item -> user: not an interaction
                .edge(3, 2)   // user -> user
                .edge(10, 11) // item -> item
                .edge(3, 20)  // to a node of neither label
                .edge(20, 10)
                .build();
        GdsInteractions.Loaded loaded = GdsInteractions.read(graph, "User", "Item", List.of());
        assertThat(loaded.userNodeIds()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(loaded.itemNodeIds()).containsExactlyInAnyOrder(10, 11);
        Interactions data = loaded.data();
        assertThat(data.users()).isEqualTo(3);
        assertThat(data.items()).isEqualTo(2);
        assertThat(data.interactionCount()).isEqualTo(3);
        assertThat(data.hasFeatures()).isFalse();
        assertThat(loaded.missingFeatures()).isZero();
        int i10 = row(loaded.itemNodeIds(), 10), i11 = row(loaded.itemNodeIds(), 11);
        int u1 = row(loaded.userNodeIds(), 1), u2 = row(loaded.userNodeIds(), 2), u3 = row(loaded.userNodeIds(), 3);
        assertThat(data.isPositive(u1, i10)).isTrue();
        assertThat(data.isPositive(u1, i11)).isTrue();
        assertThat(data.isPositive(u2, i11)).isTrue();
        assertThat(data.isPositive(u2, i10)).isFalse();
        assertThat(data.positives()[u3]).isEmpty();
        assertThat(data.weights()[u1]).containsExactly(1f, 1f);
    }

    @Test
    void weightsComeFromTheRelationshipProperty() {
        Graph graph = new TestGraph().user(1).user(2).item(10).item(11)
                .edge(1, 10, 4.5).edge(1, 11, 2.0).edge(2, 10, 0.5).build();
        GdsInteractions.Loaded loaded = GdsInteractions.read(graph, "User", "Item", List.of());
        Interactions data = loaded.data();
        int u1 = row(loaded.userNodeIds(), 1), u2 = row(loaded.userNodeIds(), 2);
        int i10 = row(loaded.itemNodeIds(), 10), i11 = row(loaded.itemNodeIds(), 11);
        assertThat(weight(data, u1, i10)).isEqualTo(4.5f);
        assertThat(weight(data, u1, i11)).isEqualTo(2.0f);
        assertThat(weight(data, u2, i10)).isEqualTo(0.5f);
    }

    private static float weight(Interactions data, int user, int item) {
        int k = java.util.Arrays.binarySearch(data.positives()[user], item);
        assertThat(k).isGreaterThanOrEqualTo(0);
        return data.weights()[user][k];
    }

    @Test
    void aNodeWithBothLabelsIsAnError() {
        Graph graph = new TestGraph().user(1).item(10).node(7, new String[] {"User", "Item"}).edge(1, 10).build();
        assertThatThrownBy(() -> GdsInteractions.read(graph, "User", "Item", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node 7 has both the user label 'User' and the item label 'Item'");
    }

    @Test
    void aGraphWithoutUsersOrInteractionsIsAnError() {
        Graph noUsers = new TestGraph().item(10).item(11).edge(10, 11).build();
        assertThatThrownBy(() -> GdsInteractions.read(noUsers, "User", "Item", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the graph has 0 nodes labelled 'User' and 2 labelled 'Item'; a user-item graph needs both");
        Graph reversed = new TestGraph().user(1).item(10).edge(10, 1).build();
        assertThatThrownBy(() -> GdsInteractions.read(reversed, "User", "Item", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the graph has no relationship from a 'User' node to an 'Item' node; project the interactions "
                        + "UNDIRECTED or from users to items");
    }

    @Test
    void featurePropertiesAreConcatenatedAndMissingOnesCounted() {
        Graph graph = new TestGraph()
                .user(1, "a", new double[] {1, 2}, "b", new float[] {3})
                .user(2, "a", new double[] {4, 5})          // no 'b': its part stays zero
                .user(3)                                    // no feature at all: a zero row, counted
                .item(10, "b", new float[] {6})
                .item(11)                                   // counted
                .edge(1, 10).edge(2, 11).edge(3, 10)
                .build();
        GdsInteractions.Loaded loaded = GdsInteractions.read(graph, "User", "Item", List.of("a", "b"));
        Interactions data = loaded.data();
        assertThat(data.featureDimension()).isEqualTo(3);
        assertThat(data.features()).hasSize(5 * 3);
        assertThat(loaded.missingFeatures()).isEqualTo(2);
        assertThat(features(data, row(loaded.userNodeIds(), 1))).containsExactly(1, 2, 3);
        assertThat(features(data, row(loaded.userNodeIds(), 2))).containsExactly(4, 5, 0);
        assertThat(features(data, row(loaded.userNodeIds(), 3))).containsExactly(0, 0, 0);
        assertThat(features(data, 3 + row(loaded.itemNodeIds(), 10))).containsExactly(0, 0, 6);
        assertThat(features(data, 3 + row(loaded.itemNodeIds(), 11))).containsExactly(0, 0, 0);

        // the order of the keys is the order of the columns
        Interactions swapped = GdsInteractions.read(graph, "User", "Item", List.of("b", "a")).data();
        assertThat(features(swapped, row(loaded.userNodeIds(), 1))).containsExactly(3, 1, 2);
    }

    private static float[] features(Interactions data, int node) {
        int d = data.featureDimension();
        return java.util.Arrays.copyOfRange(data.features(), node * d, (node + 1) * d);
    }

    @Test
    void featureErrors() {
        Graph mismatched = new TestGraph().user(1, "a", new double[] {1, 2}).item(10, "a", new double[] {1, 2, 3})
                .edge(1, 10).build();
        assertThatThrownBy(() -> GdsInteractions.read(mismatched, "User", "Item", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("'featureProperties': 'a' has [23] values on node 1?0? but [23] on others");

        Graph nan = new TestGraph().user(1, "a", new double[] {1, Double.NaN}).item(10, "a", new double[] {1, 2})
                .edge(1, 10).build();
        assertThatThrownBy(() -> GdsInteractions.read(nan, "User", "Item", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'featureProperties': 'a' of node 1 holds NaN");

        Graph infinite = new TestGraph().user(1, "a", new float[] {1, 2}).item(10, "a", new float[] {Float.NEGATIVE_INFINITY, 2})
                .edge(1, 10).build();
        assertThatThrownBy(() -> GdsInteractions.read(infinite, "User", "Item", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'featureProperties': 'a' of node 10 holds -Infinity");

        Graph plain = new TestGraph().user(1, "a", new double[] {1}).item(10).edge(1, 10).build();
        assertThatThrownBy(() -> GdsInteractions.read(plain, "User", "Item", List.of("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'featureProperties': the graph has no node property 'missing'; it has [a]");
    }
}
