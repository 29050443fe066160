// sessionStorage can be missing or throw (sandboxed frames, privacy modes, quota); the ticker then
// simply starts from the server each time.
const prefix = "AlertsTicker:v1:";

export function load(key) {
  try {
    const raw = window.sessionStorage.getItem(prefix + key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function save(key, value) {
  try {
    window.sessionStorage.setItem(prefix + key, JSON.stringify(value));
  } catch {
    // Keeping state is a convenience: a reload without it only costs one request.
  }
}
