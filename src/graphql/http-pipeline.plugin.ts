import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { RequestContext } from '../context';
import { rateLimitExtension, rateLimitHeaders } from '../limits/rate-limit.service';
import type { Admission, RequestPipeline } from './pipeline';

/**
 * The pipeline for Apollo (HTTP): once Apollo has parsed and validated with the pipeline's options,
 * the operation is admitted or refused before anything executes — a refusal answers its HTTP
 * status with every error it has and runs no SQL — and every charged response carries the budget
 * as `RateLimit-*` headers and `extensions.rateLimit { cost limit remaining resetAt }`.
 */
export function httpPipelinePlugin(pipeline: RequestPipeline): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let admission: Admission | null = null;
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          admission = await pipeline.admit(contextValue.principal, document, operation, request.variables);
        },
        async responseForOperation({ contextValue }) {
          if (!admission || admission.admitted) return null;
          return {
            http: { status: admission.status, headers: new HeaderMap(Object.entries(admission.headers)) },
            body: { kind: 'single', singleResult: { errors: pipeline.formatAll(admission.errors, contextValue.requestId) } },
          };
        },
        async willSendResponse({ response }) {
          const charged = admission?.rateLimit;
          if (!charged) return;
          for (const [name, value] of Object.entries(rateLimitHeaders(charged))) response.http.headers.set(name, value);
          if (response.body.kind === 'single') (response.body.singleResult.extensions ??= {}).rateLimit = rateLimitExtension(charged);
        },
      };
    },
  };
}
