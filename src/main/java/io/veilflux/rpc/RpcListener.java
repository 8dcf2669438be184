package io.veilflux.rpc;

/**
 * What the RPC processor tells the layers above: app messages and calls for the application, and
 * address reports for the network manager's address check. Called on RPC worker threads; must not
 * block.
 */
public interface RpcListener {
    void appMessage(InboundAppMessage message);

    void appCall(InboundAppCall call);

    void socketAddressChanged(SocketAddressChangeEvent event);
}
