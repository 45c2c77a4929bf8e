// Secrets out of anything printed. Used on the service's own error text too: the gateway's 401
// message repeats the signed canonical request, security token included.

/** Replaces every secret in `text` (and its URL-encoded form) by `****`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('****');
  }
  return out;
}
