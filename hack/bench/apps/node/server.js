// A small Express service: GET / greets and says how long the process has
// been up, GET /healthz answers ok. ms formats the uptime.
const express = require('express');
const ms = require('ms');

const port = Number(process.env.PORT) || 8080;
const started = Date.now();
const greeting = 'Hello from the node bench app';

const app = express();
app.get('/healthz', (req, res) => res.send('ok\n'));
app.get('/', (req, res) => res.send(`${greeting}, up ${ms(Date.now() - started)}\n`));

app.listen(port, () => console.log(`listening on :${port}`));
