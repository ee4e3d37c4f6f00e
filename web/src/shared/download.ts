/**
 * Saving a file from the page: a Blob behind a blob: URL and a temporary <a download> (no network).
 */

/** Offers `data` to the user as a file named `name`. */
export function downloadFile(name: string, data: string | Uint8Array, type: string): void {
  // copy into a fresh ArrayBuffer-backed array: Blob takes no view of a SharedArrayBuffer
  const part = typeof data === "string" ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // free the URL once the browser has surely read it (revoking at once can cancel the download)
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
