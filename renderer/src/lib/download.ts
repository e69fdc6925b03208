/**
 * Saves an export produced by the main process: a Blob behind an object URL and a click on a
 * temporary `<a download>`. In browser mode the browser downloads it; in the desktop app
 * Electron shows its save dialog. CSV arrives as text (its byte-order mark included), PDF as base64.
 */
import type { ExportFile } from '../../../shared/statements';

function bytesOf(file: ExportFile): BlobPart {
  if (file.encoding === 'utf8') return file.content;
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function saveExport(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([bytesOf(file)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
