package rec4j.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Description;
import rec4j.recommend.Explainer;
import rec4j.recommend.ServingModel;
import rec4j.serving.Ranker;

/**
 * A row of rec.recommend.forUser, similarItems and forText: an item, its score, rank and basis, and with explain its
 * reasons and paths.
 */
public record Recommendation(
        @Description("The recommended item node.")
        Node item,
        @Description("Its score: the dot product of the query and item embeddings (cosine for similarItems by default; "
                + "an EASE model: the sum of B[j][i] over the user's, the seed or the given item(s) j; the item's "
                + "interaction count for the popularity fallback).")
        double score,
        @Description("The probability that the user interacts with the item: the model's calibration (Platt scaling "
                + "fitted on its validation part when it was trained; see rec.model.list's trainInfo.calibration) of "
                + "the score; probability of being among a held-out part of the user's items as large as the "
                + "validation part, so compare and threshold it rather than read it as a horizon-free rate. Null when "
                + "the model has no calibration (trained without validation, vectors kept on nodes) or the query is "
                + "not the user's own (seed items, profile, time decay, popularity, similarItems, forText).")
        Double probability,
        @Description("Its rank, from 1.")
        long rank,
        @Description("What the query vector came from: model, property, interactions, seedItems, profile, popularity, "
                + "recency (halfLifeDays), hybrid (a hybrid model's blend), item, text or text+user.")
        String basis,
        @Description("With explain: the user's items that contribute most to this one, as {item, contribution} (the dot "
                + "product of their embeddings; EASE: the weight B[j][i]); else null.")
        List<Map<String, Object>> reasons,
        @Description("With explain: for each reason, a path (user)-(their item)-(another user)-(this item) through "
                + "the interactions, or (user)-(their item) when no one links the two; else null.")
        List<Path> paths) {

    Recommendation(Node item, double score, Double probability, long rank, String basis, Explainer.Explanation why) {
        this(item, score, probability, rank, basis, why == null ? null : why.reasons(), why == null ? null : why.paths());
    }

    /**
     * The ranked items as result rows, ranks from 1; {@code calibration} (null: none) turns a score into a probability;
     * {@code explain} (null: none) gives each row's explanation.
     */
    static Stream<Recommendation> rows(Transaction tx, ServingModel model, List<Ranker.Ranked> ranked, String basis,
            rec4j.evaluate.Calibration.Platt calibration, java.util.function.IntFunction<Explainer.Explanation> explain) {
        List<Recommendation> out = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            Ranker.Ranked r = ranked.get(i);
            Node item = model.itemNode(tx, r.row()); // checked while ranking; null only if deleted in this transaction
            if (item != null) {
                out.add(new Recommendation(item, r.score(), calibration == null ? null : calibration.probability(r.score()),
                        out.size() + 1, basis, explain == null ? null : explain.apply(r.row())));
            }
        }
        return out.stream();
    }
}
