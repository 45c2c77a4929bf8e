// An API Gateway (APIG) backend. APIG passes the HTTP request as the event; the function must
// answer in the gateway's format {statusCode, headers, body, isBase64Encoded}, or APIG replies 500.
exports.handler = async (event, context) => {
  const raw = event.body || '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  context.getLogger().info(`${event.httpMethod} ${event.path} (${text.length} bytes)`);

  const reply = {
    method: event.httpMethod,
    path: event.path,
    query: event.queryStringParameters || {},
    pathParameters: event.pathParameters || {},
    body: text,
  };
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(reply),
    isBase64Encoded: false,
  };
};
