/**
 * Tests must not reach anything but loopback: every outbound socket to another address throws.
 * (The product sends nothing anywhere; this makes an accidental request fail loudly.)
 */
import net from "node:net";

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

function hostOf(args: unknown[]): string | undefined {
  const first = args[0];
  if (Array.isArray(first)) return hostOf(first as unknown[]);
  if (typeof first === "object" && first !== null) {
    const o = first as { host?: string; path?: string };
    if (o.path) return "localhost";
    return o.host ?? "localhost";
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return "localhost"; // IPC path
  return typeof args[1] === "string" ? args[1] : "localhost";
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with apply below
const connect = net.Socket.prototype.connect as (...a: unknown[]) => net.Socket;
net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host && !LOOPBACK.test(host)) throw new Error(`Network access blocked in tests: ${host}`);
  return connect.apply(this, args);
};
