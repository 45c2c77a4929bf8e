// An HTTP function: `bootstrap` starts this web server, which must listen on 127.0.0.1:8000.
// FunctionGraph turns each API Gateway request into a real HTTP request to it; the platform's
// request headers (X-CFF-Request-Id, X-CFF-Func-Name, ...) come with every request.
const http = require('http');

const HOST = '127.0.0.1';
const PORT = 8000;

function send(res, status, value) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(value));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host || HOST}`);
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    console.log(`${req.method} ${url.pathname} (request ${req.headers['x-cff-request-id'] || '-'})`);
    if (url.pathname !== '/hello') {
      send(res, 404, { error: `No route for ${req.method} ${url.pathname}` });
    } else if (req.method === 'GET') {
      send(res, 200, { message: `Hello, ${url.searchParams.get('name') || 'FunctionGraph'}!` });
    } else if (req.method === 'POST') {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch (err) {
        send(res, 400, { error: `The body is not JSON: ${err.message}` });
        return;
      }
      send(res, 200, { message: `Hello, ${body.name || 'FunctionGraph'}!`, received: body });
    } else {
      send(res, 405, { error: `${req.method} is not supported on /hello` });
    }
  });
});

server.listen(PORT, HOST, () => console.log(`Listening on http://${HOST}:${PORT}`));
