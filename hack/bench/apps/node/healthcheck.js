// The image's HEALTHCHECK: exits 0 when the server on this machine answers
// /healthz with 200.
const http = require('http');

const port = Number(process.env.PORT) || 8080;

http
  .get(`http://127.0.0.1:${port}/healthz`, (res) => process.exit(res.statusCode === 200 ? 0 : 1))
  .on('error', () => process.exit(1));
