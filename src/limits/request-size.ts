/**
 * The largest request either transport reads: an HTTP body (express.json) and a WebSocket message
 * (ws `maxPayload`, enforced frame by frame before any message is parsed, so before authentication).
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;
