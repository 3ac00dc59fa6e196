package rec4j.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Why an item was recommended: the user's items that contribute most to it ({@link ServingModel#contribution}: the dot
 * product of embeddings, as the user's embedding is by propagation a weighted sum of its items' embeddings; for an
 * item-item model the weight B[j][i] itself), each with a path through the graph:
 * (user)-[interaction]-(their item)-[interaction]-(another user)-[interaction]-(the recommended item) when such a
 * co-interaction exists, else just (user)-[interaction]-(their item).
 */
public final class Explainer {

    /** The reasons ({item, contribution}) and their paths. */
    public record Explanation(List<Map<String, Object>> reasons, List<Path> paths) {}

    private Explainer() {}

    /**
     * @param userItems the user's item rows and the relationship to each (null relationship: a seed item, no path)
     * @param count     how many reasons at most
     */
    public static Explanation explain(Transaction tx, ServingModel model, Node user, Map<Integer, Relationship> userItems,
            int itemRow, int count, List<String> types) {
        List<Map.Entry<Integer, Relationship>> ranked = new ArrayList<>(userItems.entrySet());
        ranked.sort((a, b) -> Float.compare(model.contribution(b.getKey(), itemRow), model.contribution(a.getKey(), itemRow)));
        List<Map<String, Object>> reasons = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        String pattern = types.isEmpty() ? ""
                : ":" + types.stream().map(t -> "`" + t.replace("`", "``") + "`").reduce((a, b) -> a + "|" + b).orElseThrow();
        Node recommended = model.itemNode(tx, itemRow);
        for (Map.Entry<Integer, Relationship> e : ranked.subList(0, Math.min(count, ranked.size()))) {
            Node viaNode = model.itemNode(tx, e.getKey());
            if (viaNode == null || recommended == null) {
                continue; // deleted since the user's items were read
            }
            long via = viaNode.getId();
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("item", viaNode);
            reason.put("contribution", (double) model.contribution(e.getKey(), itemRow));
            reasons.add(reason);
            if (user == null || e.getValue() == null) {
                continue;
            }
            String query = "MATCH p = (u)-[" + pattern + "]-(j)-[" + pattern + "]-(v)-[" + pattern + "]-(i) "
                    + "WHERE id(u) = $u AND id(j) = $j AND id(i) = $i AND v <> u RETURN p LIMIT 1";
            try (Result result = tx.execute(query, Map.of("u", user.getId(), "j", via, "i", recommended.getId()))) {
                if (result.hasNext()) {
                    paths.add((Path) result.next().get("p"));
                    continue;
                }
            }
            try (Result result = tx.execute("MATCH p = (u)-[r]-(j) WHERE id(u) = $u AND id(j) = $j AND elementId(r) = $r RETURN p",
                    Map.of("u", user.getId(), "j", via, "r", e.getValue().getElementId()))) {
                if (result.hasNext()) {
                    paths.add((Path) result.next().get("p"));
                }
            }
        }
        return new Explanation(reasons, paths);
    }
}
