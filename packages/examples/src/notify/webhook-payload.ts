/** The HTTP request body of one notification, ready to POST: the same bytes on every try. */
export interface WebhookPayload {
  /** Request headers, at least `content-type`. */
  headers: Record<string, string>;
  /** The request body. */
  body: string;
}
