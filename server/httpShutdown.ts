import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Returns how to close `server` for a stop: it takes no new connections, lets every request under
 * way finish (however slowly its body arrives), and closes each kept-alive connection once its
 * last response has gone. Node's own `close()` would leave such a connection open until its
 * keep-alive timeout, and `closeAllConnections()` would cut requests off.
 */
export function gracefulClose(server: Server): () => Promise<void> {
  const responsesUnderWay = new Set<ServerResponse>();
  let closing = false;

  const closeConnectionAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
    // A response already started cannot say so: its connection is closed once it is idle.
    else res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
  };

  // Before the app's own listener, so that no response can have finished before it is seen.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) {
      closeConnectionAfter(res);
      return;
    }
    responsesUnderWay.add(res);
    res.once('close', () => responsesUnderWay.delete(res));
  });

  return () =>
    new Promise<void>((resolve, reject) => {
      closing = true;
      for (const res of responsesUnderWay) closeConnectionAfter(res);
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
}
