package rec4j.proc;

import org.neo4j.procedure.Description;
import rec4j.evaluate.OfflineEvaluation;

/** One row of rec.evaluate.model: a method (the model or a baseline) at one k. */
public record EvaluationRow(
        @Description("The model's name, 'popularity' or 'itemKnn'.")
        String method,
        @Description("The length of the recommendation lists.")
        long k,
        @Description("Mean over evaluated users of hits / |test items| (LightGCN's Recall@k).")
        double recall,
        @Description("Mean over evaluated users of hits / k.")
        double precision,
        @Description("Mean over evaluated users of DCG@k / ideal DCG over min(k, |test items|).")
        double ndcg,
        @Description("Share of evaluated users with at least one test item in their top k.")
        double hitRate,
        @Description("Distinct items in all top-k lists / candidate items.")
        double coverage,
        @Description("Mean over lists of the mean pairwise (1 - cosine) of featureProperty; null without featureProperty "
                + "or when no list has two items with it.")
        Double diversity,
        @Description("Mean self-information -log2((training interactions + 1) / (users with training interactions + 1)) "
                + "of the recommended items: higher is less popular.")
        double novelty,
        @Description("Users evaluated: those with at least one test item among the candidates.")
        long users,
        @Description("Candidate items ranked for every user.")
        long candidates,
        @Description("Evaluated users the method cannot score (not in the model): all misses.")
        long unscoredUsers,
        @Description("Candidate items the method cannot score (not in the model): never recommended.")
        long unscoredItems) {

    EvaluationRow(OfflineEvaluation.Row r, long candidates, long unscoredUsers, long unscoredItems) {
        this(r.method(), r.k(), r.recall(), r.precision(), r.ndcg(), r.hitRate(), r.coverage(),
                Double.isNaN(r.diversity()) ? null : r.diversity(), r.novelty(), r.users(), candidates, unscoredUsers,
                unscoredItems);
    }
}
