/**
 * Rewrites the dev manifest's https://localhost:3000/ URLs for a deployment, and sets its version from
 * package.json. Used by webpack's manifest copy (ADDIN_URL) and by the manifest tests.
 */
const DEV_URL = "https://localhost:3000/";

function normaliseBase(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`ADDIN_URL 不是有效的网址：${url}`);
  }
  if (u.protocol !== "https:") throw new Error(`ADDIN_URL 必须是 https 地址（Office 只加载 https 页面）：${url}`);
  if (/^(localhost|127\.|\[::1\])/.test(u.hostname)) throw new Error(`ADDIN_URL 不能是本机地址：${url}`);
  return u.href.endsWith("/") ? u.href : `${u.href}/`;
}

function rewriteManifest(xml, baseUrl) {
  const base = normaliseBase(baseUrl);
  const origin = new URL(base).origin;
  return xml
    .split(DEV_URL)
    .join(base)
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`)
    .replace(/<!--[\s\S]*?-->\n?/, "");
}

/** The manifest's four-part <Version> for package.json's semver ("0.2.0" → "0.2.0.0"). */
function manifestVersion(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`package.json version ${version} is not major.minor.patch`);
  return `${m[1]}.${m[2]}.${m[3]}.0`;
}

/** Sets the manifest's <Version> from package.json's version. */
function withVersion(xml, version) {
  return xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${manifestVersion(version)}</Version>`);
}

module.exports = { DEV_URL, rewriteManifest, normaliseBase, manifestVersion, withVersion };
