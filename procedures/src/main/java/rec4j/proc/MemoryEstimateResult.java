package rec4j.proc;

import rec4j.gcn.MemoryGuard;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.procedure.Description;

/** What one memory estimate says, GDS style. */
public final class MemoryEstimateResult {
    @Description("The estimate, human-readable.")
    public final String requiredMemory;

    @Description("The estimate in bytes (lower end).")
    public final long bytesMin;

    @Description("The estimate in bytes (upper end).")
    public final long bytesMax;

    @Description("Share of the maximum heap that bytesMax needs, in percent.")
    public final double heapPercentageMax;

    @Description("Nodes (users and items) counted.")
    public final long nodeCount;

    @Description("Relationships counted (both directions of an undirected projection).")
    public final long relationshipCount;

    @Description("The estimate by component, in bytes.")
    public final Map<String, Object> mapView;

    MemoryEstimateResult(rec4j.gcn.GcnMemoryEstimate.Estimate e, long nodes, long relationships) {
        this.bytesMin = e.bytes();
        this.bytesMax = e.bytes();
        this.requiredMemory = rec4j.gcn.MemoryGuard.humanBytes(e.bytes());
        this.heapPercentageMax = Math.round(1000.0 * e.bytes() / Runtime.getRuntime().maxMemory()) / 10.0;
        this.nodeCount = nodes;
        this.relationshipCount = relationships;
        this.mapView = new LinkedHashMap<>(e.components());
    }
}
