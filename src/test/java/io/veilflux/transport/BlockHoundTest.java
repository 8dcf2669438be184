package io.veilflux.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.nio.NioEventLoopGroup;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** BlockHound is installed for the whole suite: blocking on an event loop or a parallel worker fails. */
class BlockHoundTest {

    @Test
    void blockingOnANettyEventLoopFails() throws InterruptedException {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try {
            Future<?> blocked = group.submit(() -> {
                Thread.sleep(1);
                return null;
            });
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> blocked.get(5, TimeUnit.SECONDS));
            assertThat(failure.getCause()).isInstanceOf(BlockingOperationError.class);
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void blockingOnAReactorParallelWorkerFails() {
        StepVerifier.create(Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return 1;
                }).subscribeOn(Schedulers.parallel()))
                .expectError(BlockingOperationError.class)
                .verify();
    }
}
