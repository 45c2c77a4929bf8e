// A custom runtime written in Node.js. `bootstrap` starts this program; it fetches events from the
// runtime API in a loop, handles each, and posts the result (or an error) back.
const http = require('http');

const [host, port] = process.env.RUNTIME_API_ADDR.split(':');
const agent = new http.Agent({ keepAlive: true });
const BASE = '/v1/runtime/invocation';

// Your code: turn one event into a result.
async function handleEvent(event, requestId) {
  console.log(`Processing request ${requestId}`);
  return { message: 'Hello from a Node.js custom runtime', requestId, event };
}

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method, path, agent, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  for (;;) {
    let next;
    try {
      next = await call('GET', `${BASE}/request`);
    } catch (err) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const requestId = next.headers['x-cff-request-id'];
    if (!requestId) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    try {
      const result = await handleEvent(JSON.parse(next.body), requestId);
      await call('POST', `${BASE}/response/${requestId}`, JSON.stringify(result));
    } catch (err) {
      await call('POST', `${BASE}/error/${requestId}`, JSON.stringify({ errorType: err.name, errorMessage: err.message }));
    }
  }
}

main();
