// The physical floor's client: two bare keep-alive HTTP round trips (like GET next + POST response)
// with Node's own http. invoke.bench.ts loads it in its own process and runs it as a child process
// (one line on stdin: how many pairs; one JSON line back: their times in ms).
'use strict';
const http = require('http');
const readline = require('readline');

function makeFloorClient(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = (method) => new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: '/x', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
  return async (n) => {
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await call('GET');
      await call('POST');
      times.push(performance.now() - t0);
    }
    return times;
  };
}

module.exports = { makeFloorClient };

if (require.main === module) {
  const run = makeFloorClient(Number(process.argv[2]));
  readline.createInterface({ input: process.stdin }).on('line', async (n) => {
    process.stdout.write(JSON.stringify(await run(Number(n))) + '\n');
  });
}
