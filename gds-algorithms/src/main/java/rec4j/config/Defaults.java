package rec4j.config;

/**
 * Defaults and bounds that several procedures share, declared once: the code reads them, and the {@code @Name}
 * descriptions are built from them (compile-time constants), so the two cannot drift.
 */
public final class Defaults {

    private Defaults() {}

    public static final int MAX_CONCURRENCY = 64;
    public static final long RANDOM_SEED = 42;

    /** How {@code concurrency} reads in a description. */
    public static final String CONCURRENCY_DOC = "concurrency: min(4, cores) (1.." + MAX_CONCURRENCY + ")";
    /** How {@code randomSeed} reads in a description. */
    public static final String RANDOM_SEED_DOC = "randomSeed: " + RANDOM_SEED;

    /** min(4, cores): parallel work measured fastest at this size on small machines. */
    public static int concurrency() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }
}
