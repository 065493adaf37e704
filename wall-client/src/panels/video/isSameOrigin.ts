/** Whether a URL (relative or absolute) points at the page's own origin (the gateway). */
export function isSameOrigin(url: string): boolean {
  try {
    return new URL(url, window.location.href).origin === window.location.origin;
  } catch {
    return false;
  }
}
