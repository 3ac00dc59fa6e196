package rec4j.bench;

/** For rec4j.gcn.StepProfile: a {@link ScaleData} source as interactions. */
public final class ScaleProfileData {
    public static rec4j.gcn.Interactions load(String source) throws Exception {
        return ScaleData.load(source).toInteractions();
    }
}
