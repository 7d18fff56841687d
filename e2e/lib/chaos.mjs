// A TCP proxy on loopback that forwards to a backend port and, while chaos is on, destroys a
// share of connections at a random point (mid-request or mid-response). Seeded, so a failing run
// can be repeated.
import net from 'node:net';

/** A small deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startProxy({ backendPort, random, dropRate = 0.05 }) {
  let chaos = false;
  let dropped = 0;
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(backendPort, '127.0.0.1');
    sockets.add(client); sockets.add(upstream);
    const kill = () => { client.destroy(); upstream.destroy(); };
    client.on('error', kill); upstream.on('error', kill);
    client.on('close', () => { sockets.delete(client); upstream.destroy(); });
    upstream.on('close', () => { sockets.delete(upstream); client.destroy(); });
    client.pipe(upstream); upstream.pipe(client);
    // Kept-alive connections carry many requests: roll the dice on every chunk each way, so
    // connections die mid-request (push or pull not yet read) and mid-response (applied, but
    // the answer never arrives).
    const maybeDrop = () => {
      if (chaos && random() < dropRate) {
        dropped += 1;
        setTimeout(kill, Math.floor(random() * 20));
      }
    };
    client.on('data', maybeDrop);
    upstream.on('data', maybeDrop);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: server.address().port,
    setChaos: (on) => { chaos = on; },
    dropped: () => dropped,
    close: () => new Promise((ok) => { for (const s of sockets) s.destroy(); server.close(ok); }),
  };
}
