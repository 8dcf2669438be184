package io.veilflux.routing;

/**
 * Where a node stands among comparable nodes, fastest first (Veilid's
 * {@code NodeRelativePerformance}): the fastest is at 100 %, and each place further back costs
 * 100 / {@code nodeCount} percent.
 *
 * @param percentile 100 − 100·{@code nodeIndex}/{@code nodeCount}
 * @param nodeIndex the node's place, 0 for the fastest
 * @param nodeCount how many nodes were compared
 */
public record NodeRelativePerformance(float percentile, int nodeIndex, int nodeCount) {

    static NodeRelativePerformance of(int nodeIndex, int nodeCount) {
        return new NodeRelativePerformance(100.0f - (float) (nodeIndex * 100) / (float) nodeCount, nodeIndex, nodeCount);
    }
}
