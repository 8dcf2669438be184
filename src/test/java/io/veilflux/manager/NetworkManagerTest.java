package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Bytes;
import io.veilflux.net.NetworkResult;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.rpc.Destination;
import io.veilflux.rpc.InboundAppMessage;
import io.veilflux.rpc.SendDataResult;
import io.veilflux.rpc.StatusResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class NetworkManagerTest {
    private final LoopbackNodes nodes = new LoopbackNodes();

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void anAppMessageTravelsDirectlyOverUdpBetweenTwoRealNodes() {
        NetworkManager a = nodes.start(2);
        NetworkManager b = nodes.start(3);
        FilteredNodeRef toB = LoopbackNodes.introduce(a, b);

        StepVerifier.create(b.appMessages().take(1))
                .then(() -> {
                    NetworkResult<SendDataResult> sent = a.rpc()
                            .rpcCallAppMessage(Destination.direct(toB), Bytes.of(new byte[] {7, 7})).block();
                    assertThat(sent).isInstanceOf(NetworkResult.Value.class);
                })
                .assertNext(m -> {
                    assertThat(m.sender()).isEqualTo(a.nodeId());
                    assertThat(m.message()).isEqualTo(Bytes.of(new byte[] {7, 7}));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(nodes.counter(a, ContactMethodCache.SENDS, "method", "direct", "outcome", "sent")).isEqualTo(1);
        assertThat(nodes.counter(b, NetworkManagerMeters.ENVELOPES)).isEqualTo(1);
    }

    @Test
    void aStatusQuestionIsAnsweredWithOurAddress() {
        NetworkManager a = nodes.start(2);
        NetworkManager b = nodes.start(3);
        FilteredNodeRef toB = LoopbackNodes.introduce(a, b);
        NetworkResult<io.veilflux.rpc.Answer<StatusResult>> answer = a.rpc().rpcCallStatus(Destination.direct(toB))
                .block(Duration.ofSeconds(10));
        assertThat(answer).isInstanceOf(NetworkResult.Value.class);
        StatusResult status = ((NetworkResult.Value<io.veilflux.rpc.Answer<StatusResult>>) answer).value().value();
        assertThat(status.senderInfo()).contains(a.network().orElseThrow().udpAddresses().get(0));
        assertThat(b.routingTable().lookupNodeId(a.nodeId())).as("B learned A from the question").isPresent();
    }
}
