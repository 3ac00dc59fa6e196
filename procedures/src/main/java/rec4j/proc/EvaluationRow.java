package rec4j.proc;

import org.neo4j.procedure.Description;
import rec4j.evaluate.OfflineEvaluation;

/** One row of rec.evaluate.model: a method (the model or a baseline) at one k. */
public final class EvaluationRow {
    @Description("The model's name, 'popularity' or 'itemKnn'.")
    public final String method;

    @Description("The length of the recommendation lists.")
    public final long k;

    @Description("Mean over evaluated users of hits / |test items| (LightGCN's Recall@k).")
    public final double recall;

    @Description("Mean over evaluated users of hits / k.")
    public final double precision;

    @Description("Mean over evaluated users of DCG@k / ideal DCG over min(k, |test items|).")
    public final double ndcg;

    @Description("Share of evaluated users with at least one test item in their top k.")
    public final double hitRate;

    @Description("Distinct items in all top-k lists / candidate items.")
    public final double coverage;

    @Description("Mean over lists of the mean pairwise (1 - cosine) of featureProperty; null without featureProperty "
            + "or when no list has two items with it.")
    public final Double diversity;

    @Description("Mean self-information -log2((training interactions + 1) / (users with training interactions + 1)) "
            + "of the recommended items: higher is less popular.")
    public final double novelty;

    @Description("Users evaluated: those with at least one test item among the candidates.")
    public final long users;

    @Description("Candidate items ranked for every user.")
    public final long candidates;

    @Description("Evaluated users the method cannot score (not in the model): all misses.")
    public final long unscoredUsers;

    @Description("Candidate items the method cannot score (not in the model): never recommended.")
    public final long unscoredItems;

    EvaluationRow(OfflineEvaluation.Row r, long candidates, long unscoredUsers, long unscoredItems) {
        this.method = r.method();
        this.k = r.k();
        this.recall = r.recall();
        this.precision = r.precision();
        this.ndcg = r.ndcg();
        this.hitRate = r.hitRate();
        this.coverage = r.coverage();
        this.diversity = Double.isNaN(r.diversity()) ? null : r.diversity();
        this.novelty = r.novelty();
        this.users = r.users();
        this.candidates = candidates;
        this.unscoredUsers = unscoredUsers;
        this.unscoredItems = unscoredItems;
    }
}
