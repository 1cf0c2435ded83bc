/**
 * Saves a file the user asked for. In the browser (and for now in Electron,
 * whose window lets downloads through) this is a download of a Blob through a
 * temporary `<a download>`; a native save dialog can replace it behind this
 * one function without touching its callers.
 */
export interface FileToSave {
  fileName: string;
  mime: string;
  bytes: Uint8Array | string;
}

export type SaveOutcome = { saved: true } | { saved: false; reason: 'cancelled' };

export async function saveFile({ fileName, mime, bytes }: FileToSave): Promise<SaveOutcome> {
  const part: BlobPart = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The download has started from the click; revoking later lets slow browsers read the Blob first.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { saved: true };
}

/** Bytes of a base64 string (DOCX arrives from the backend that way). */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
