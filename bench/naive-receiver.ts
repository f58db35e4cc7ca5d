// The naive implementation the deadline surge is measured against (bench/deadline.ts): Node's own
// http server that streams each PUT body to a file while hashing it, syncs it, renames it to its
// hash, syncs the directory and answers. No database, no sign-in, no checks: what receiving the
// same bytes over HTTP and keeping them durably costs on this machine.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const dir = process.argv[2]!;
const server = http.createServer(async (request, response) => {
  const tmp = path.join(dir, `${randomUUID()}.tmp`);
  const hash = createHash('sha256');
  const file = await fs.open(tmp, 'w');
  let size = 0;
  for await (const piece of request as AsyncIterable<Buffer>) {
    hash.update(piece);
    await file.write(piece, 0, piece.length, size);
    size += piece.length;
  }
  await file.sync();
  await file.close();
  const sha256 = hash.digest('hex');
  await fs.rename(tmp, path.join(dir, sha256));
  const directory = await fs.open(dir, 'r');
  await directory.sync();
  await directory.close();
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ sha256, size }));
});
server.listen(0, '127.0.0.1', () => console.log((server.address() as { port: number }).port));
