package io.veilflux.routing;

import java.util.OptionalLong;

/**
 * A snapshot of Veilid's per-peer RPC statistics, the inputs of the reliability state machine.
 * Timestamps are microseconds; an empty one has not happened in this session.
 *
 * @param questionsInFlight questions sent that expect an answer not yet received or lost
 * @param firstConsecutiveSeenTs when the current run of answered contact began
 * @param failedToSend sends that failed since the last successful one
 * @param recentLostAnswersUnordered lost answers over UDP since the last answer over UDP
 * @param recentLostAnswersOrdered lost answers over ordered protocols since the last such answer
 */
public record RpcStats(long messagesSent, long messagesRcvd, int questionsInFlight, OptionalLong lastQuestionTs,
        OptionalLong lastSeenTs, OptionalLong firstConsecutiveSeenTs, int failedToSend,
        int recentLostAnswersUnordered, int recentLostAnswersOrdered) {
}
