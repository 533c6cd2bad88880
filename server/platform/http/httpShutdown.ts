import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Returns how to close `server` for a stop: it takes no new connections, lets every request under
 * way finish (however slowly its body arrives) until `deadline` aborts, and closes each
 * kept-alive connection once its last response has gone. Node's own `close()` would leave such a
 * connection open until its keep-alive timeout, and `closeAllConnections()` would cut requests
 * off. At the deadline it does cut off what is left, and resolves with how many requests that was.
 */
export function gracefulClose(server: Server): (deadline: AbortSignal) => Promise<{ cutOff: number }> {
  const responsesUnderWay = new Set<ServerResponse>();
  let closing = false;

  const closeConnectionAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
    // A response already started cannot say so: its connection is closed once it is idle.
    else res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
  };

  // Before the app's own listener, so that no response can have finished before it is seen.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    responsesUnderWay.add(res);
    res.once('close', () => responsesUnderWay.delete(res));
    if (closing) closeConnectionAfter(res);
  });

  return (deadline) =>
    new Promise((resolve, reject) => {
      closing = true;
      let cutOff = 0;
      const cutOffTheRest = () => {
        cutOff = responsesUnderWay.size;
        server.closeAllConnections();
      };
      for (const res of responsesUnderWay) closeConnectionAfter(res);
      server.close((error) => {
        deadline.removeEventListener('abort', cutOffTheRest);
        if (error) reject(error);
        else resolve({ cutOff });
      });
      server.closeIdleConnections();
      if (deadline.aborted) cutOffTheRest();
      else deadline.addEventListener('abort', cutOffTheRest, { once: true });
    });
}
