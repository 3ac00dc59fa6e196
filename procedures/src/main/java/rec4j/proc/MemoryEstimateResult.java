package rec4j.proc;

import rec4j.gcn.MemoryGuard;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.procedure.Description;

/** What one memory estimate says, GDS style. */
public record MemoryEstimateResult(
        @Description("The estimate, human-readable.")
        String requiredMemory,
        @Description("The estimate in bytes (lower end).")
        long bytesMin,
        @Description("The estimate in bytes (upper end).")
        long bytesMax,
        @Description("Share of the maximum heap that bytesMax needs, in percent.")
        double heapPercentageMax,
        @Description("Nodes (users and items) counted.")
        long nodeCount,
        @Description("Relationships counted (both directions of an undirected projection).")
        long relationshipCount,
        @Description("The estimate by component, in bytes.")
        Map<String, Object> mapView) {

    MemoryEstimateResult(rec4j.gcn.GcnMemoryEstimate.Estimate e, long nodes, long relationships) {
        this(MemoryGuard.humanBytes(e.bytes()), e.bytes(), e.bytes(),
                Math.round(1000.0 * e.bytes() / Runtime.getRuntime().maxMemory()) / 10.0, nodes, relationships,
                new LinkedHashMap<>(e.components()));
    }
}
