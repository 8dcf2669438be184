package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.SequenceOrdering;
import org.junit.jupiter.api.Test;

/** Veilid's reliability state machine and ping schedule, rule by rule, with Veilid's constants. */
class BucketEntryStateTest {
    private static final long S = 1_000_000L;
    private static final long T0 = 1_000 * S;

    private final BucketEntry entry = new BucketEntry(CryptoKindOrder.DEFAULT,
            NodeId.of(CryptoKind.VLD0, new byte[32]), T0);

    @Test
    void veilidsConstants() {
        assertThat(BucketEntry.UNRELIABLE_PING_SPAN).isEqualTo(60 * S);
        assertThat(BucketEntry.UNRELIABLE_PING_INTERVAL).isEqualTo(5 * S);
        assertThat(BucketEntry.RELIABLE_PING_INTERVAL_START).isEqualTo(10 * S);
        assertThat(BucketEntry.RELIABLE_PING_INTERVAL_MAX).isEqualTo(600 * S);
        assertThat(BucketEntry.RELIABLE_PING_INTERVAL_MULTIPLIER).isEqualTo(2.0);
        assertThat(BucketEntry.NEVER_SEEN_PING_COUNT).isEqualTo(3);
        assertThat(BucketEntry.UNRELIABLE_LOST_ANSWERS_UNORDERED).isEqualTo(2);
        assertThat(BucketEntry.UNRELIABLE_LOST_ANSWERS_ORDERED).isZero();
    }

    @Test
    void aNewEntryIsUnreliableUntilSeenFor60SecondsInARow() {
        assertThat(entry.stateReason(T0)).isEqualTo(BucketEntryStateReason.UNRELIABLE_NOT_SEEN_CONSECUTIVELY);
        entry.questionRcvd(T0);
        assertThat(entry.stateReason(T0 + 60 * S - 1)).isEqualTo(BucketEntryStateReason.UNRELIABLE_IN_UNRELIABLE_PING_SPAN);
        assertThat(entry.stateReason(T0 + 60 * S)).isEqualTo(BucketEntryStateReason.RELIABLE);
        entry.questionRcvd(T0 + 70 * S);
        assertThat(entry.stateReason(T0 + 70 * S)).as("the run of sightings started at T0")
                .isEqualTo(BucketEntryStateReason.RELIABLE);
        assertThat(entry.state(T0 + 70 * S).isAlive()).isTrue();
    }

    @Test
    void oneFailedSendMakesItUnreliableThreeMakeItDeadAndASentMessageResets() {
        reliable();
        entry.failedToSend(T0 + 61 * S, false);
        assertThat(entry.stateReason(T0 + 61 * S)).isEqualTo(BucketEntryStateReason.UNRELIABLE_FAILED_TO_SEND);
        assertThat(entry.peerStats().rpcStats().firstConsecutiveSeenTs()).isEmpty();
        entry.failedToSend(T0 + 62 * S, true);
        assertThat(entry.stateReason(T0 + 62 * S)).isEqualTo(BucketEntryStateReason.UNRELIABLE_FAILED_TO_SEND);
        assertThat(entry.peerStats().rpcStats().lastQuestionTs()).hasValue(T0 + 62 * S);
        entry.failedToSend(T0 + 63 * S, false);
        assertThat(entry.stateReason(T0 + 63 * S)).isEqualTo(BucketEntryStateReason.DEAD_CAN_NOT_SEND);
        assertThat(entry.state(T0 + 63 * S).isAlive()).isFalse();

        entry.questionSent(T0 + 64 * S, false);
        assertThat(entry.peerStats().rpcStats().failedToSend()).isZero();
        assertThat(entry.stateReason(T0 + 64 * S)).isEqualTo(BucketEntryStateReason.UNRELIABLE_NOT_SEEN_CONSECUTIVELY);
        entry.failedToSend(T0 + 65 * S, false);
        entry.answerSent();
        assertThat(entry.peerStats().rpcStats().failedToSend()).isZero();
    }

    @Test
    void twoLostUnorderedAnswersAreToleratedTheThirdIsNot() {
        reliable();
        long now = T0 + 61 * S;
        entry.lostAnswer(SequenceOrdering.UNORDERED);
        entry.lostAnswer(SequenceOrdering.UNORDERED);
        assertThat(entry.stateReason(now)).isEqualTo(BucketEntryStateReason.RELIABLE);
        entry.lostAnswer(SequenceOrdering.UNORDERED);
        assertThat(entry.stateReason(now)).isEqualTo(BucketEntryStateReason.UNRELIABLE_LOST_ANSWERS);
        assertThat(entry.peerStats().rpcStats().firstConsecutiveSeenTs()).as("the run of sightings ends").isEmpty();

        entry.answerRcvd(now, now + S, SequenceOrdering.UNORDERED);
        assertThat(entry.peerStats().rpcStats().recentLostAnswersUnordered()).isZero();
        assertThat(entry.stateReason(now + S)).isEqualTo(BucketEntryStateReason.UNRELIABLE_IN_UNRELIABLE_PING_SPAN);
    }

    @Test
    void noLostOrderedAnswerIsTolerated() {
        reliable();
        long now = T0 + 61 * S;
        entry.lostAnswer(SequenceOrdering.ORDERED);
        assertThat(entry.stateReason(now)).isEqualTo(BucketEntryStateReason.UNRELIABLE_LOST_ANSWERS);
        entry.answerRcvd(now, now + S, SequenceOrdering.UNORDERED);
        assertThat(entry.stateReason(now + S)).as("an unordered answer leaves the ordered count")
                .isEqualTo(BucketEntryStateReason.UNRELIABLE_LOST_ANSWERS);
        entry.answerRcvd(now, now + 2 * S, SequenceOrdering.ORDERED);
        assertThat(entry.peerStats().rpcStats().recentLostAnswersOrdered()).isZero();
    }

    @Test
    void aNeverSeenNodeIsDeadAfterThreeLostAnswersOfAnyOrdering() {
        entry.lostAnswer(SequenceOrdering.UNORDERED);
        entry.lostAnswer(SequenceOrdering.ORDERED);
        assertThat(entry.stateReason(T0)).isEqualTo(BucketEntryStateReason.UNRELIABLE_LOST_ANSWERS);
        entry.lostAnswer(SequenceOrdering.UNORDERED);
        assertThat(entry.stateReason(T0)).isEqualTo(BucketEntryStateReason.DEAD_TOO_MANY_LOST_ANSWERS);
    }

    @Test
    void aSeenNodeIsDeadOnlyWhenUnseenFor60SecondsWith12LostAnswers() {
        entry.questionRcvd(T0);
        for (int i = 0; i < 11; i++) {
            entry.lostAnswer(SequenceOrdering.UNORDERED);
        }
        assertThat(entry.stateReason(T0 + 60 * S)).isEqualTo(BucketEntryStateReason.UNRELIABLE_LOST_ANSWERS);
        entry.lostAnswer(SequenceOrdering.ORDERED);
        assertThat(entry.stateReason(T0 + 60 * S - 1)).as("seen less than 60 s ago")
                .isEqualTo(BucketEntryStateReason.UNRELIABLE_LOST_ANSWERS);
        assertThat(entry.stateReason(T0 + 60 * S)).isEqualTo(BucketEntryStateReason.DEAD_NO_PING_RESPONSE);
    }

    @Test
    void punishmentOverridesEverythingUntilCleared() {
        reliable();
        entry.setPunished(PunishmentReason.WRONG_SENDER_PEER_INFO);
        assertThat(entry.stateReason(T0 + 61 * S)).isEqualTo(BucketEntryStateReason.PUNISHED);
        assertThat(entry.needsPing(T0 + 61 * S)).isFalse();
        entry.setPunished(null);
        assertThat(entry.stateReason(T0 + 61 * S)).isEqualTo(BucketEntryStateReason.RELIABLE);
    }

    @Test
    void makeNotDeadResetsADeadEntryAndNothingElse() {
        entry.questionRcvd(T0);
        entry.failedToSend(T0 + S, false);
        entry.makeNotDead(T0 + S);
        assertThat(entry.peerStats().rpcStats().failedToSend()).as("unreliable is left alone").isOne();
        entry.failedToSend(T0 + 2 * S, false);
        entry.failedToSend(T0 + 3 * S, false);
        entry.lostAnswer(SequenceOrdering.ORDERED);
        assertThat(entry.state(T0 + 3 * S)).isEqualTo(BucketEntryState.DEAD);
        entry.makeNotDead(T0 + 3 * S);
        RpcStats stats = entry.peerStats().rpcStats();
        assertThat(stats.failedToSend()).isZero();
        assertThat(stats.recentLostAnswersOrdered()).isZero();
        assertThat(stats.lastSeenTs()).isEmpty();
        assertThat(stats.firstConsecutiveSeenTs()).isEmpty();
        assertThat(entry.stateReason(T0 + 3 * S)).isEqualTo(BucketEntryStateReason.UNRELIABLE_NOT_SEEN_CONSECUTIVELY);
    }

    @Test
    void questionsInFlightAndMessageCountsFollowTheExchange() {
        entry.questionSent(T0, true);
        entry.questionSent(T0 + S, true);
        entry.questionSent(T0 + 2 * S, false);
        RpcStats stats = entry.peerStats().rpcStats();
        assertThat(stats.messagesSent()).isEqualTo(3);
        assertThat(stats.questionsInFlight()).isEqualTo(2);
        assertThat(stats.lastQuestionTs()).as("a statement is no question").hasValue(T0 + S);
        entry.answerRcvd(T0, T0 + 250_000, SequenceOrdering.UNORDERED);
        entry.lostAnswer(SequenceOrdering.UNORDERED);
        entry.questionRcvd(T0 + 3 * S);
        stats = entry.peerStats().rpcStats();
        assertThat(stats.questionsInFlight()).isZero();
        assertThat(stats.messagesRcvd()).isEqualTo(2);
        assertThat(stats.lastSeenTs()).hasValue(T0 + 3 * S);
        assertThat(stats.firstConsecutiveSeenTs()).hasValue(T0 + 250_000);
        assertThat(entry.peerStats().latency()).hasValueSatisfying(l -> assertThat(l.average()).isEqualTo(250_000));
        assertThat(entry.peerStats().timeAdded()).isEqualTo(T0);
    }

    @Test
    void anUnreliableNodeIsPingedEveryFiveSeconds() {
        entry.questionRcvd(T0);
        assertThat(entry.needsPing(T0)).as("never questioned").isTrue();
        entry.questionSent(T0, true);
        assertThat(entry.needsPing(T0 + 5 * S - 1)).isFalse();
        assertThat(entry.needsPing(T0 + 5 * S)).isTrue();
    }

    @Test
    void aReliableNodeIsPingedOnADoublingBackOffCappedAtTenMinutes() {
        reliable();
        long start = T0 + 55 * S; // 5 s before the node became reliable
        assertThat(entry.needsPing(T0 + 60 * S)).as("never questioned in this session").isTrue();
        entry.questionSent(start + 5 * S, true);
        assertThat(entry.needsPing(start + 10 * S - 1)).as("within the first 10 s").isFalse();
        assertThat(entry.needsPing(start + 10 * S)).isTrue();
        entry.questionSent(start + 10 * S, true);
        assertThat(entry.needsPing(start + 20 * S - 1)).isFalse();
        assertThat(entry.needsPing(start + 20 * S)).isTrue();
        entry.questionSent(start + 20 * S, true);
        assertThat(entry.needsPing(start + 40 * S - 1)).isFalse();
        assertThat(entry.needsPing(start + 40 * S)).isTrue();

        entry.questionSent(start + 1_000 * S, true);
        assertThat(entry.needsPing(start + 1_600 * S - 1)).as("half-time rule alone would wait until 2000 s").isFalse();
        assertThat(entry.needsPing(start + 1_600 * S)).as("at most 600 s apart").isTrue();
    }

    @Test
    void deadNodesAreNeverPinged() {
        entry.failedToSend(T0, true);
        entry.failedToSend(T0, true);
        entry.failedToSend(T0, true);
        assertThat(entry.state(T0 + 10 * S)).isEqualTo(BucketEntryState.DEAD);
        assertThat(entry.needsPing(T0 + 10 * S)).isFalse();
    }

    @Test
    void retryFalloffLogIsVeilids() {
        assertThat(BucketEntry.retryFalloffLog(0, 9, 10, 600, 2.0)).isFalse();
        assertThat(BucketEntry.retryFalloffLog(6, 10, 10, 600, 2.0)).isFalse();
        assertThat(BucketEntry.retryFalloffLog(5 * S, 10 * S, 10 * S, 600 * S, 2.0)).isTrue();
        assertThat(BucketEntry.retryFalloffLog(5 * S + 1, 10 * S, 10 * S, 600 * S, 2.0)).isFalse();
        assertThat(BucketEntry.retryFalloffLog(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4 + 600 * S, 10 * S, 600 * S, 2.0))
                .as("durations over 32 bits of microseconds").isTrue();
    }

    private void reliable() {
        entry.questionRcvd(T0);
        assertThat(entry.state(T0 + 60 * S)).isEqualTo(BucketEntryState.RELIABLE);
    }
}
