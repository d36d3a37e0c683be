package example.scenario;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;

/**
 * A small HTTP object store on Netty: {@code PUT /key} hands the request's content, retained, to a
 * journal thread that checksums and stores it, releases it there and answers with the checksum;
 * {@code GET /key} answers with the stored checksum. Leak-free: every retained content is released
 * by the journal.
 */
final class ObjectStoreServer {
    private static final int MAX_CONTENT = 1 << 20;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService journal = Executors.newSingleThreadExecutor(r -> new Thread(r, "journal"));
    private final Map<String, Long> checksums = new ConcurrentHashMap<>();
    private final LongAdder retained = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final Channel server;

    /**
     * Starts the server on a free loopback port.
     *
     * @throws InterruptedException if interrupted while binding
     */
    ObjectStoreServer() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_CONTENT),
                                new StoreHandler());
                    }
                }).bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Contents retained for the journal and not released: 0 once the journal has drained. */
    long unreleased() {
        return retained.sum() - released.sum();
    }

    long puts() {
        return retained.sum();
    }

    /**
     * Stops accepting, lets the journal drain, and shuts the event loop down.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void stop() throws InterruptedException {
        server.close().sync();
        journal.shutdown();
        journal.awaitTermination(1, TimeUnit.MINUTES);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** The application handler: PUT goes to the journal with its content retained, GET is answered here. */
    private final class StoreHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String key = request.uri();
            if (request.method().equals(HttpMethod.PUT)) {
                ByteBuf content = request.content().retain();
                retained.increment();
                journal.execute(() -> store(ctx, key, content));
            } else {
                Long checksum = checksums.get(key);
                respond(ctx, checksum == null ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK,
                        String.valueOf(checksum));
            }
        }

        private void store(ChannelHandlerContext ctx, String key, ByteBuf content) {
            long checksum;
            try {
                CRC32 crc = new CRC32();
                crc.update(content.nioBuffer());
                checksum = crc.getValue();
                checksums.put(key, checksum);
            } finally {
                content.release();
                released.increment();
            }
            respond(ctx, HttpResponseStatus.OK, Long.toString(checksum));
        }

        private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
            ByteBuf content = ctx.alloc().buffer(body.length()).writeBytes(body.getBytes(StandardCharsets.US_ASCII));
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            ctx.writeAndFlush(response);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
