// A tiny HTTP service: GET / greets and says how long the process has been
// up, GET /healthz answers ok. ms formats the uptime.
const http = require('http');
const ms = require('ms');

const port = Number(process.env.PORT) || 8080;
const started = Date.now();
const greeting = 'Hello from the node bench app';

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.end('ok\n');
    return;
  }
  res.end(`${greeting}, up ${ms(Date.now() - started)}\n`);
});

server.listen(port, () => console.log(`listening on :${port}`));
