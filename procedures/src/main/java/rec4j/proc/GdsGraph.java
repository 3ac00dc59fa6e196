package rec4j.proc;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.gds.RelationshipType;
import org.neo4j.gds.api.Graph;
import org.neo4j.gds.api.GraphStore;
import org.neo4j.gds.core.loading.GraphStoreCatalog;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;

/**
 * A caller's GDS graph, checked, to train on (GCN, EASE, the hybrid): its store, the graph of the types asked for, and
 * the relationship types it was built from.
 */
record GdsGraph(GraphStore store, Graph graph, List<String> relationshipTypes) {

    /** The caller's GDS graph of that name in this database, or an error listing the caller's graphs. */
    static GraphStore store(String procedure, GraphDatabaseService db, Transaction tx, String graphName) {
        if (graphName == null || graphName.isBlank()) {
            throw new IllegalArgumentException(procedure + ": 'graphName' is required (the name of a GDS graph), got "
                    + (graphName == null ? "null" : "an empty string"));
        }
        String user = ((InternalTransaction) tx).securityContext().subject().executingUser();
        if (!GraphStoreCatalog.exists(user, db.databaseName(), graphName)) {
            throw new IllegalArgumentException(procedure + ": 'graphName': no GDS graph named "
                    + rec4j.config.ConfigMap.shown(graphName) + "; graphs: "
                    + GraphStoreCatalog.getGraphStores(user).stream().map(e -> e.config().graphName()).sorted().toList());
        }
        return GraphStoreCatalog.get(user, db.databaseName(), graphName).graphStore();
    }

    /** The GDS graph {@code graphName}, checked: the labels, types (empty: all) and weight property (or null) exist. */
    static GdsGraph resolve(String procedure, GraphDatabaseService db, Transaction tx, String graphName,
            List<String> labels, List<String> types, String weightProperty) {
        GraphStore store = store(procedure, db, tx, graphName);
        for (String label : labels) {
            if (store.nodeLabels().stream().noneMatch(l -> l.name().equals(label))) {
                throw new IllegalArgumentException(procedure + ": 'nodeLabels': graph '" + graphName + "' has no node label '"
                        + label + "'; it has " + store.nodeLabels().stream().map(l -> l.name()).sorted().toList());
            }
        }
        List<RelationshipType> relTypes = types.isEmpty() ? new ArrayList<>(store.relationshipTypes())
                : types.stream().map(RelationshipType::of).toList();
        if (relTypes.isEmpty()) {
            throw new IllegalArgumentException(procedure + ": graph '" + graphName + "' has no relationships");
        }
        for (RelationshipType type : relTypes) {
            if (!store.relationshipTypes().contains(type)) {
                throw new IllegalArgumentException(procedure + ": 'relationshipTypes': graph '" + graphName
                        + "' has no relationship type '"
                        + type.name() + "'; it has " + store.relationshipTypes().stream().map(RelationshipType::name).sorted().toList());
            }
        }
        if (weightProperty != null && !store.hasRelationshipProperty(relTypes.get(0), weightProperty)) {
            throw new IllegalArgumentException(procedure + ": 'relationshipWeightProperty': graph '" + graphName
                    + "' has no relationship property '" + weightProperty + "'");
        }
        return new GdsGraph(store, store.getGraph(store.nodeLabels(), relTypes, java.util.Optional.ofNullable(weightProperty)),
                relTypes.stream().map(RelationshipType::name).sorted().toList());
    }
}
