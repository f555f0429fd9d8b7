import { HeaderMap } from '@apollo/server';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../common/errors';

export const SEND_A_KEY_MESSAGE = 'Send a valid API key as `Authorization: Bearer <key>`';

/**
 * Whether a request is a browser opening the endpoint, which gets the GraphQL IDE page without a
 * key: a GET that prefers HTML over every type the API answers in, as Apollo negotiates it. `*\/*`
 * (curl's default) prefers the first of them, JSON: an API request, authenticated first.
 */
export function wantsIdePage(req: Request): boolean {
  return req.method === 'GET' && req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) === 'text/html';
}

/** The request's principal; a request that reached Apollo without one is refused (401), never run. */
export function requirePrincipal(principal: Principal | undefined): Principal {
  if (principal) return principal;
  throw new GraphQLError(SEND_A_KEY_MESSAGE, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } },
  });
}
