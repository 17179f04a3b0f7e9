/** What the web build emitted: its scripts, the pane's initial ones, their gzipped size and ECMAScript level. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Parser, type Node } from "acorn";
import { WEB_ROOT } from "./server";

/** The syntax every target of package.json's browserslist runs (see README, “浏览器与 Office 版本”). */
export const ES_LEVEL = 2018;
/** The pane's initial scripts (office.js aside), gzipped at level 9. */
export const INITIAL_GZ_BUDGET = 225 * 1024;

/** Every .js file under dist/web, relative to it. */
export function emittedScripts(root = WEB_ROOT): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".js")) out.push(path.relative(root, p).replace(/\\/g, "/"));
    }
  };
  walk(root);
  return out.sort();
}

/** The scripts a page loads before anything else (office.js aside: it is Microsoft's and loads as the host wants). */
export function initialScripts(html: string, root = WEB_ROOT): string[] {
  const text = readFileSync(path.join(root, html), "utf8");
  return [...text.matchAll(/<script[^>]*src="?([^" >]+)"?/g)].map((m) => m[1]!).filter((s) => !s.startsWith("office-js/"));
}

export function sizes(files: readonly string[], root = WEB_ROOT): { raw: number; gz: number } {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = readFileSync(path.join(root, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { raw, gz };
}

/** Regular expressions with lookbehind: ES2018 syntax that Safari < 16.4 rejects and no compiler can rewrite. */
function lookbehinds(ast: Node): string[] {
  const found: string[] = [];
  const visit = (n: unknown): void => {
    if (!n || typeof n !== "object") return;
    if (Array.isArray(n)) return n.forEach(visit);
    const node = n as { type?: string; regex?: { pattern: string }; callee?: { type: string; name?: string }; arguments?: { type: string; value?: unknown }[] };
    if (node.regex && /\(\?<[=!]/.test(node.regex.pattern)) found.push(`/${node.regex.pattern}/`);
    if ((node.type === "NewExpression" || node.type === "CallExpression") && node.callee?.type === "Identifier" && node.callee.name === "RegExp") {
      const arg = node.arguments?.[0];
      if (arg?.type === "Literal" && typeof arg.value === "string" && /\(\?<[=!]/.test(arg.value)) found.push(`RegExp(${JSON.stringify(arg.value)})`);
    }
    for (const [k, v] of Object.entries(node)) if (k !== "loc" && k !== "regex") visit(v);
  };
  visit(ast);
  return found;
}

/** The first problem of a script at an ECMAScript level, or null when it runs there. */
export function esProblem(source: string, level: number): string | null {
  let ast: Node;
  try {
    ast = Parser.parse(source, { ecmaVersion: level as 2018, sourceType: "script" });
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    return `${(e as Error).message}: …${source.slice(Math.max(0, pos - 60), pos + 40)}…`;
  }
  const lb = lookbehinds(ast);
  return lb.length ? `regular expression lookbehind (Safari < 16.4 rejects it): ${lb.slice(0, 3).join(", ")}` : null;
}

/** The lowest ECMAScript edition a script parses at (5, 2015, 2016, …), for the figures. */
export function esLevelOf(source: string): number {
  for (const v of [5, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
    try {
      Parser.parse(source, { ecmaVersion: v as 2018, sourceType: "script" });
      return v;
    } catch {
      // try the next edition
    }
  }
  return Infinity;
}
