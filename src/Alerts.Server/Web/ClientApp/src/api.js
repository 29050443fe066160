// The public reads, called cross-origin without credentials.
export async function getJson(server, path, signal) {
  const response = await fetch(new URL(path, server).href, {
    credentials: "omit",
    headers: { Accept: "application/json" },
    signal,
  });
  if (!response.ok) {
    throw new Error(`GET ${path}: ${response.status}`);
  }
  return response.json();
}

export const editionsPath = "api/v1/editions";

export function tickerPath(edition) {
  return `api/v1/editions/${encodeURIComponent(edition)}/ticker`;
}
