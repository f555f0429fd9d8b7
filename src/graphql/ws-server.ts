import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { ExecutionResult, GraphQLError, OperationTypeNode, getOperationAST } from 'graphql';
import { CloseCode, Context, ServerOptions, handleProtocols, makeServer } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../config/logger';
import { SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/database-errors';
import { rateLimitExtension, RateLimitStatus } from '../limits/rate-limit.service';
import type { LiveSubscriptions } from './live-subscriptions';
import type { RequestPipeline } from './pipeline';

/** What graphql-ws keeps of a socket: the socket and its upgrade request. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: http.IncomingMessage;
}

export type ConnectionParams = Record<string, unknown>;
type SocketContext = Context<ConnectionParams, SocketExtra>;

interface OperationState {
  requestId: string;
  rateLimit: RateLimitStatus | null;
}

export const KEY_NO_LONGER_VALID_MESSAGE =
  'The API key of this connection is no longer valid (revoked or rotated): nothing was run. Reconnect with a valid key.';

function authorizationOf(ctx: SocketContext): string | undefined {
  const value = ctx.connectionParams?.authorization;
  return typeof value === 'string' ? value : undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (isDatabaseUnavailable(error)) return new GraphQLError(UNAVAILABLE_MESSAGE, { extensions: { code: SERVICE_UNAVAILABLE, retryable: true } });
  return new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined });
}

/**
 * graphql-ws hooks that put every WebSocket operation through the request pipeline, as HTTP does:
 * the key is looked up again for each operation (a revoked or rotated key runs nothing more), the
 * document is parsed, validated, limited, priced and charged to the same budget, a subscription
 * takes one of its key's slots, and every error and result leaves through the same formatter.
 * The key sent on connecting (`connectionParams.authorization`) must be valid to open the socket.
 */
export function graphqlWsOptions(pipeline: RequestPipeline, live: LiveSubscriptions): ServerOptions<ConnectionParams, SocketExtra> {
  const operations = new WeakMap<SocketContext, Map<string, OperationState>>();
  const begin = (ctx: SocketContext, id: string): OperationState => {
    const state: OperationState = { requestId: randomUUID(), rateLimit: null };
    let byId = operations.get(ctx);
    if (!byId) {
      byId = new Map();
      operations.set(ctx, byId);
    }
    byId.set(id, state);
    return state;
  };
  const requestIdOf = (ctx: SocketContext, id: string): string => operations.get(ctx)?.get(id)?.requestId ?? randomUUID();
  const finish = (ctx: SocketContext, id: string): void => {
    operations.get(ctx)?.delete(id);
    live.release(ctx, id);
  };

  return {
    schema: pipeline.schema,
    onConnect: async (ctx) => (await pipeline.authenticate(authorizationOf(ctx))) !== null,
    onSubscribe: async (ctx, id, payload) => {
      const state = begin(ctx, id);
      try {
        const principal = await pipeline.authenticate(authorizationOf(ctx));
        if (!principal) return [new GraphQLError(KEY_NO_LONGER_VALID_MESSAGE, { extensions: { code: ErrorCode.UNAUTHENTICATED } })];
        const document = pipeline.parse(payload.query);
        if (document instanceof GraphQLError) return [document];
        const invalid = pipeline.validate(document);
        if (invalid.length > 0) return invalid;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [new GraphQLError('Name the operation to run (`operationName`) of this document', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
        }
        if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
          const full = live.reserve(ctx, id, principal.keyId);
          if (full) return [full];
        }
        const admission = await pipeline.admit(principal, document, operation, payload.variables);
        if (!admission.admitted) {
          live.release(ctx, id);
          return admission.errors;
        }
        state.rateLimit = admission.rateLimit;
        return {
          schema: pipeline.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: pipeline.createContext(principal, state.requestId),
        };
      } catch (error) {
        live.release(ctx, id);
        return [asGraphQLError(error)];
      }
    },
    onOperation: async (ctx, id, _payload, _args, operationResult) => {
      const result = await operationResult;
      if (isAsyncIterable(result)) return live.attach(ctx, id, result[Symbol.asyncIterator]());
      const state = operations.get(ctx)?.get(id);
      const extensions: Record<string, unknown> = { ...result.extensions, requestId: state?.requestId };
      if (state?.rateLimit) extensions.rateLimit = rateLimitExtension(state.rateLimit);
      return { ...result, extensions };
    },
    onNext: (ctx, id, _payload, _args, result) => {
      if (!result.errors) return;
      return { ...result, errors: pipeline.formatAll(result.errors, requestIdOf(ctx, id)) };
    },
    // Refused before running, or a stream that ended in an error (a revoked key, a slow subscriber).
    onError: (ctx, id, _payload, errors) => {
      const formatted = pipeline.formatAll(errors, requestIdOf(ctx, id));
      finish(ctx, id);
      return formatted;
    },
    onComplete: (ctx, id) => {
      finish(ctx, id);
    },
    onClose: (ctx) => {
      live.releaseAll(ctx);
      operations.delete(ctx);
    },
  };
}

/** ws closes a socket whose message is over `maxPayload` with 1009 and emits this error: the client's fault, not ours. */
function isOversizedMessage(error: Error): boolean {
  return (error as Error & { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
}

/**
 * graphql-ws on a `ws` server — graphql-ws's own `useServer` adapter, with our logger: an
 * oversized message (closed by ws with 1009 before anything reads it) is logged as the client's
 * error instead of as an internal one. Pings every `keepAliveMs` and drops a socket that does not
 * answer within as long.
 */
export function serveGraphQLOverWebSocket(
  options: ServerOptions<ConnectionParams, SocketExtra>,
  wsServer: WebSocketServer,
  logger: Logger,
  keepAliveMs = 12_000,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  wsServer.options.handleProtocols = handleProtocols;
  wsServer.once('error', (error) => {
    logger.error({ err: error }, 'WebSocket server error');
    for (const client of wsServer.clients) client.close(CloseCode.InternalServerError, 'Internal server error');
  });
  wsServer.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      if (isOversizedMessage(error)) {
        logger.info({ err: error, remoteAddress: request.socket.remoteAddress }, 'WebSocket message over the size limit: socket closed (1009)');
        return;
      }
      logger.error({ err: error }, 'WebSocket socket error');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    let pongWait: NodeJS.Timeout | null = null;
    const pingInterval = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => {
        socket.terminate();
      }, keepAliveMs);
      socket.once('pong', () => {
        if (pongWait) clearTimeout(pongWait);
        pongWait = null;
      });
      socket.ping();
    }, keepAliveMs);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) {
              resolve();
              return;
            }
            socket.send(data, (error) => {
              if (error) reject(error);
              else resolve();
            });
          }),
        close: (code, reason) => {
          socket.close(code, reason);
        },
        onMessage: (handle) => {
          socket.on('message', (data: Buffer) => {
            handle(data.toString()).catch((error: unknown) => {
              logger.error({ err: error }, 'unexpected error while handling a WebSocket message');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          });
        },
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      clearInterval(pingInterval);
      void closed(code, reason.toString());
    });
  });
  return {
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, 'Going away');
      wsServer.removeAllListeners();
      await new Promise<void>((resolve, reject) => {
        wsServer.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      });
    },
  };
}
